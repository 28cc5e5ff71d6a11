/**
 * Regions where Amazon Rekognition Custom Labels is offered (the Custom Labels guide's
 * "Supported Regions" points to the Rekognition endpoints page of the AWS General Reference).
 */
export interface RegionInfo {
  id: string;
  name: string;
}

export const CUSTOM_LABELS_REGIONS: readonly RegionInfo[] = [
  { id: 'us-east-1', name: 'US East (N. Virginia)' },
  { id: 'us-east-2', name: 'US East (Ohio)' },
  { id: 'us-west-2', name: 'US West (Oregon)' },
  { id: 'eu-west-1', name: 'Europe (Ireland)' },
  { id: 'eu-west-2', name: 'Europe (London)' },
  { id: 'eu-central-1', name: 'Europe (Frankfurt)' },
  { id: 'ap-south-1', name: 'Asia Pacific (Mumbai)' },
  { id: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
  { id: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
  { id: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
  { id: 'ap-northeast-2', name: 'Asia Pacific (Seoul)' },
];

export const DEFAULT_REGION = 'us-east-1';

export function isCustomLabelsRegion(region: string): boolean {
  return CUSTOM_LABELS_REGIONS.some((r) => r.id === region);
}
