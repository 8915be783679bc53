/**
 * A minimal Socket.IO client (Engine.IO protocol 4, Socket.IO protocol 5) over
 * one WebSocket, enough for Rasa's socket.io channel: connect to the default
 * namespace, emit and receive events, answer pings, reconnect with back-off.
 * Written here so the widget has no third-party code to load at run time.
 */

const OPEN = "0", CLOSE = "1", PING = "2", PONG = "3", MESSAGE = "4";
const CONNECT = "0", EVENT = "2", CONNECT_ERROR = "4";
const MAX_BACKOFF_MS = 30000;

export class SocketIOClient {
  /**
   * @param {string} serverUrl  e.g. "http://127.0.0.1:5005"
   * @param {{path?: string, onEvent: Function, onStatus: Function}} options
   */
  constructor(serverUrl, { path = "/socket.io/", onEvent, onStatus }) {
    const url = new URL(path, serverUrl);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.search = "?EIO=4&transport=websocket";
    this.url = url.toString();
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.connected = false;
    this.attempts = 0;
    this.closedByUser = false;
    this.queue = [];
  }

  open() {
    this.closedByUser = false;
    this.onStatus("connecting");
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onmessage = (event) => this.handle(String(event.data));
    ws.onclose = () => {
      const wasConnected = this.connected;
      this.connected = false;
      clearTimeout(this.pingTimer);
      if (!this.closedByUser) {
        this.onStatus(wasConnected ? "lost" : "offline");
        this.scheduleReconnect();
      }
    };
  }

  close() {
    this.closedByUser = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.pingTimer);
    if (this.ws) this.ws.close();
  }

  scheduleReconnect() {
    if (this.closedByUser) return;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.attempts);
    this.attempts += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  /** Sends an event now, or when the connection is (re)established. */
  emit(name, data) {
    const packet = MESSAGE + EVENT + JSON.stringify([name, data]);
    if (this.connected) this.ws.send(packet);
    else this.queue.push(packet);
  }

  handle(packet) {
    const type = packet[0];
    if (type === OPEN) {
      const handshake = JSON.parse(packet.slice(1));
      this.pingDeadline = (handshake.pingInterval || 25000) + (handshake.pingTimeout || 20000);
      this.watchPing();
      this.ws.send(MESSAGE + CONNECT);
    } else if (type === PING) {
      this.ws.send(PONG);
      this.watchPing();
    } else if (type === CLOSE) {
      this.ws.close();
    } else if (type === MESSAGE) {
      this.handleSocketIO(packet.slice(1));
    }
  }

  handleSocketIO(packet) {
    const type = packet[0];
    if (type === CONNECT) {
      this.connected = true;
      this.attempts = 0;
      this.onStatus("connected");
      this.onEvent("connect", null);
      for (const queued of this.queue.splice(0)) this.ws.send(queued);
    } else if (type === EVENT) {
      let body;
      try {
        body = JSON.parse(packet.slice(packet.indexOf("[")));
      } catch {
        return;  // a malformed packet is dropped, not fatal
      }
      if (Array.isArray(body) && typeof body[0] === "string") this.onEvent(body[0], body[1]);
    } else if (type === CONNECT_ERROR) {
      this.ws.close();
    }
  }

  /** The server pings every pingInterval; silence past the deadline means a dead connection. */
  watchPing() {
    clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(() => this.ws && this.ws.close(), this.pingDeadline);
  }
}
