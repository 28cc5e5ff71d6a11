/** Model versions, pure: how predictions are judged, and the readers of what training writes. Pure: no `vscode` import. */
export * from './match';
export * from './readers';
export * from './evaluation-table';
export * from './training-failure';
