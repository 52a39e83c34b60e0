import type { NewTranscriptMessage } from '@switchboard/core/contact-center';
import type { Handler } from '../handlers.js';
import { customerMessage, customerTranscript } from '../customers/customer-views.js';

/** `/v1/interactions/{id}/transcript`: messages stored with an interaction. */
export const transcriptHandlers: Readonly<Record<string, Handler>> = {
  getTranscript: async ({ center, params, asCustomer }) => {
    const transcript = await center.getTranscript(params['interactionId'] as string);
    return { status: 200, body: asCustomer ? customerTranscript(transcript) : transcript };
  },
  addTranscriptMessage: async ({ center, params, body, principal, asAgent, asCustomer }) => {
    const message = body as NewTranscriptMessage;
    // An agent writes as itself; whoever sends an agent's message is recorded as that agent.
    const stored: NewTranscriptMessage =
      asAgent || message.from === 'agent'
        ? { from: 'agent', text: message.text, agentId: principal.sub }
        : { from: message.from, text: message.text };
    const added = await center.addTranscriptMessage(params['interactionId'] as string, stored);
    return { status: 201, body: asCustomer ? customerMessage(added) : added };
  },
};
