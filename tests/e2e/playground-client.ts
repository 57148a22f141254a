// Drives the Microsoft 365 Agents Playground through its own HTTP API and conversation WebSocket,
// the way its browser UI does, so a test sees what a person in the Playground would see.
import WebSocket from "ws";

export interface PlaygroundMessage {
  readonly messageId: string;
  readonly text?: string;
  readonly attachments: { contentType: string; content: unknown }[];
}

interface PlaygroundConfig {
  config: {
    currentUser: { id: string; name: string; aadObjectId: string; userPrincipleName: string };
    personalChat: { id: string };
  };
}

export class PlaygroundClient {
  readonly messages: PlaygroundMessage[] = [];

  private constructor(
    private readonly baseUrl: string,
    private readonly socket: WebSocket,
    readonly me: PlaygroundConfig["config"]["currentUser"],
    readonly personalChatId: string,
  ) {
    socket.on("message", (data: Buffer) => {
      const event = JSON.parse(data.toString("utf8")) as { action?: string; message?: PlaygroundMessage };
      if ((event.action === "createMessage" || event.action === "updateMessage") && event.message) this.messages.push(event.message);
    });
  }

  static async connect(baseUrl: string): Promise<PlaygroundClient> {
    const { config } = await getJson<PlaygroundConfig>(`${baseUrl}/_internal/v1/testConfig`);
    const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return new PlaygroundClient(baseUrl, socket, config.currentUser, config.personalChat.id);
  }

  /** What the Playground does when the app is added to the personal chat. */
  async install(): Promise<void> {
    await postJson(`${this.baseUrl}/_debug/conversation/${this.personalChatId}/installation`, {});
  }

  async say(text: string): Promise<void> {
    await postJson(`${this.baseUrl}/_conversation/v1/conversations/${this.personalChatId}/messages`, {
      from: { id: this.me.id },
      text,
      textFormat: "plain",
    });
  }

  /** Presses an Action.Execute button on a message; resolves with the Playground's answer (the new card). */
  async pressExecute(messageId: string, action: { verb: string; data: unknown }): Promise<{ type: string; value: unknown }> {
    return postJson(`${this.baseUrl}/_conversation/v1/invoke`, {
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: action.verb, data: action.data }, trigger: "manual" },
      from: { id: this.me.id },
      conversation: { id: this.personalChatId },
      replyToId: messageId,
    });
  }

  async waitForMessage(match: (message: PlaygroundMessage) => boolean, what: string): Promise<PlaygroundMessage> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No ${what} arrived in the Playground; saw ${JSON.stringify(this.messages).slice(0, 2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    this.socket.close();
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
