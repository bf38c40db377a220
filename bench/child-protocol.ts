/** First IPC message to a server child: what to listen on and, for the forwarder, where to forward. */
export interface StartServer {
  type: 'start';
  ak: string;
  sk: string;
  projectId: string;
  /** The upstream the forwarder signs for (unused by the upstream itself). */
  upstreamUrl?: string;
}

/** A server child's answer once its socket is listening. */
export interface ServerListening {
  type: 'listening';
  url: string;
}
