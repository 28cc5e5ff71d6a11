/**
 * The preview page's gate on the extension's views (page/view-gate.ts), as a person's gestures
 * and the messages interleave. The race the edit-mode journey met: the extension posts a view of
 * the line, the person moves a box (the page shows it moved and its handles there), and the view
 * posted BEFORE the move arrives after it (held during the drag, or in flight at mouse-up): drawn,
 * it put the box back where it was, with its handles, until the view of the move came. A person
 * who grabs the corner then finds no handle where the box is. The expected order of events is
 * written here from the messages' meaning: a view answers the gestures the extension had written
 * when it made it (`edit.applied`), nothing else.
 */
import * as assert from 'node:assert/strict';
import { ViewGate } from '../../../src/preview/page/view-gate';

type View = { name: string; edit?: { applied?: number } };
const view = (name: string, applied?: number): View => ({ name, ...(applied === undefined ? {} : { edit: { applied } }) });

describe('preview page: the gate on the views', () => {
  it('draws a view at once when no drag is under way and no gesture waits for its answer', () => {
    const gate = new ViewGate<View>();
    assert.equal(gate.arrived(view('first'), false)?.name, 'first');
    assert.equal(gate.arrived(view('again', 0), false)?.name, 'again');
  });

  it('holds a view that arrives during a drag and draws the last one when the drag ends', () => {
    const gate = new ViewGate<View>();
    assert.equal(gate.arrived(view('a'), true), undefined);
    assert.equal(gate.arrived(view('b'), true), undefined);
    assert.equal(gate.idle()?.name, 'b');
    assert.equal(gate.idle(), undefined, 'drawn once');
  });

  it('a view made before the move, arriving during the drag, is not drawn at mouse-up over the moved box', () => {
    const gate = new ViewGate<View>();
    assert.equal(gate.arrived(view('drawn box', 0), false)?.name, 'drawn box');
    // The person presses on the box and drags; the extension's debounced redraw of the same line arrives.
    assert.equal(gate.arrived(view('debounced redraw', 0), true), undefined);
    // Mouse-up: the move is sent (gesture 1), then the drag ends.
    const seq = gate.gestureSent();
    assert.equal(seq, 1);
    assert.equal(gate.idle(), undefined, 'the view made before the move would put the box back');
    // The view of the move, and a second one (the edit's debounced redraw): both drawable.
    assert.equal(gate.arrived(view('moved', 1), false)?.name, 'moved');
    assert.equal(gate.arrived(view('moved, redrawn', 1), false)?.name, 'moved, redrawn');
  });

  it('a view in flight at mouse-up (posted before the move) is not drawn; nor one made before the last of several gestures', () => {
    const gate = new ViewGate<View>();
    gate.gestureSent();
    gate.gestureSent();
    assert.equal(gate.arrived(view('before both', 0), false), undefined);
    assert.equal(gate.arrived(view('after the first', 1), false), undefined);
    assert.equal(gate.arrived(view('after both', 2), false)?.name, 'after both');
  });

  it('a view after the last gesture that arrives during the next drag is held, then drawn', () => {
    const gate = new ViewGate<View>();
    gate.gestureSent();
    assert.equal(gate.arrived(view('answer', 1), true), undefined);
    assert.equal(gate.idle()?.name, 'answer');
  });
});
