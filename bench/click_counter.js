// Installed by bench/clicks.py in every document before the app's own scripts (its comment says how
// runs are counted). Kept apart so the Python module stays small.
(() => {
  if (window.__benchRuns) return;
  const runs = window.__benchRuns = {domStarted: 0, domFinished: 0, state: null, changed: performance.now(),
                                     domFinishedAt: null, finished: 0, messageAt: null, paintedAt: null,
                                     pointerAt: null};
  const idle = (state) => state === null || state === "initial" || state === "notRunning";
  const step = (state) => {
    if (state === runs.state) return;
    const now = performance.now();
    if (idle(runs.state) && !idle(state)) runs.domStarted += 1;
    if (!idle(runs.state) && state === "notRunning") { runs.domFinished += 1; runs.domFinishedAt = now; }
    runs.state = state;
    runs.changed = now;
  };
  const current = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app ? app.getAttribute("data-test-script-state") : null;
  };
  // The status of a ForwardMsg's script_finished field, or -1 when it has none.
  const scriptFinished = (bytes) => {
    let i = 0;
    const varint = () => { let v = 0, shift = 0, b; do { b = bytes[i++]; v += (b & 127) * 2 ** shift; shift += 7; }
                           while (b & 128 && i < bytes.length); return v; };
    while (i < bytes.length) {
      const key = varint(), field = Math.floor(key / 8), type = key % 8;
      if (type === 0) { const value = varint(); if (field === 6) return value; }
      else if (type === 2) { const length = varint(); i += length; }  // not i += varint(): i is read first
      else if (type === 1) i += 8;
      else if (type === 5) i += 4;
      else return -1;
    }
    return -1;
  };
  const Native = window.WebSocket;
  const Wrapped = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener("message", (event) => {
      runs.messageAt = performance.now();
      if (!(event.data instanceof ArrayBuffer)) return;
      const status = scriptFinished(new Uint8Array(event.data));
      if (status >= 0 && status !== 2) {
        runs.finished += 1;
        runs.paintedAt = null;
        requestAnimationFrame(() => setTimeout(() => { runs.paintedAt = performance.now(); }, 0));
      }
    });
    return socket;
  };
  Wrapped.prototype = Native.prototype;
  Object.assign(Wrapped, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Wrapped;
  document.addEventListener("pointerdown", (event) => { runs.pointerAt = event.timeStamp; }, true);
  new MutationObserver((records) => {
    const changes = records.filter((r) => r.type === "attributes");
    changes.forEach((record, i) => step(i + 1 < changes.length ? changes[i + 1].oldValue
                                                               : record.target.getAttribute(record.attributeName)));
    step(current());
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ["data-test-script-state"]});
  step(current());
})();
