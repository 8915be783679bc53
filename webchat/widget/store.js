/**
 * Keeps the conversation in the tab's sessionStorage: the socket.io session id
 * (so Rasa continues the same conversation after a reload), the messages shown
 * (Rasa's channel does not resend history), the chosen language and whether
 * the chat was open. sessionStorage ends with the tab, which suits shared
 * public computers better than localStorage.
 */

const MAX_MESSAGES = 200;

function read(key, fallback) {
  try {
    const value = window.sessionStorage.getItem(key);
    return value === null ? fallback : JSON.parse(value);
  } catch {
    return fallback;  // storage disabled or a damaged value: start afresh
  }
}

function write(key, value) {
  try {
    window.sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the chat still works, only without history
  }
}

export class ConversationStore {
  constructor(namespace) {
    this.prefix = `dcw:${namespace}:`;
  }

  sessionId() {
    let id = read(this.prefix + "session", null);
    if (typeof id !== "string" || !/^[0-9a-f]{32}$/.test(id)) {
      id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
      write(this.prefix + "session", id);
    }
    return id;
  }

  messages() {
    const list = read(this.prefix + "messages", []);
    return Array.isArray(list) ? list.filter((m) => m && typeof m === "object") : [];
  }

  addMessage(message) {
    const list = this.messages();
    list.push(message);
    write(this.prefix + "messages", list.slice(-MAX_MESSAGES));
  }

  get(key, fallback) {
    return read(this.prefix + key, fallback);
  }

  set(key, value) {
    write(this.prefix + key, value);
  }
}
