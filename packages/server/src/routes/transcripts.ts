import type { NewTranscriptMessage } from '@switchboard/core/contact-center';
import type { Handler } from '../handlers.js';

/** `/v1/interactions/{id}/transcript`: messages stored with an interaction. */
export const transcriptHandlers: Readonly<Record<string, Handler>> = {
  getTranscript: async ({ center, params }) => ({
    status: 200,
    body: await center.getTranscript(params['interactionId'] as string),
  }),
  addTranscriptMessage: async ({ center, params, body, principal, asAgent }) => {
    const message = body as NewTranscriptMessage;
    // An agent writes as itself; whoever sends an agent's message is recorded as that agent.
    const stored: NewTranscriptMessage =
      asAgent || message.from === 'agent'
        ? { from: 'agent', text: message.text, agentId: principal.sub }
        : { from: message.from, text: message.text };
    return {
      status: 201,
      body: await center.addTranscriptMessage(params['interactionId'] as string, stored),
    };
  },
};
