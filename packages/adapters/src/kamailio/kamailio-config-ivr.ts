/**
 * Kamailio routes for IVR addresses (see `KamailioConfigOptions.ivrAddresses`): the call's INVITE
 * is suspended and handed to the IVR service over evapi (`ivr-request`, with the caller's SDP);
 * the service answers `early-media` with rtpengine's SDP for the caller, which Kamailio sends in a
 * 183 Session Progress before suspending the transaction again (`ivr-waiting`); the service plays
 * prompts and reads digits through rtpengine, then answers `queue` (Kamailio asks the routing
 * service for an agent with a `route-request`, as for a call to that queue), `forward` or
 * `reject`. The caller hears the IVR as early media: nothing is answered until an agent is.
 * @internal
 */
export function ivrRoutes(
  evapiJson: (
    fields: readonly (readonly ['string' | 'integer', string, string])[],
    relay: 'evapi_relay' | undefined,
    indent: number,
  ) => string,
  waitForService: string,
): string {
  return `# A call to an IVR address: the IVR service plays prompts to it through rtpengine (early media).
route[IVR] {
    if (!is_method("INVITE") || !has_body("application/sdp")) {
        sl_send_reply("488", "Not Acceptable Here");
        exit;
    }
    if (!t_newtran()) {
        sl_reply_error();
        exit;
    }
    t_reply("100", "Trying");
${evapiJson(
  [
    ['string', 'event', 'ivr-request'],
    ['integer', 'tindex', '$T(id_index)'],
    ['integer', 'tlabel', '$T(id_label)'],
    ['string', 'callId', '$ci'],
    ['string', 'fromTag', '$ft'],
    ['string', 'address', '$rU'],
    ['string', 'from', '$fu'],
    ['string', 'sdp', '$rb'],
  ],
  undefined,
  4,
)}
    ${waitForService}
    evapi_async_relay("$var(sb_json)");
    exit;
}

# The IVR service sent rtpengine's SDP for the caller: 183 with it, then wait for the next action.
route[IVR_EARLY_MEDIA] {
    set_reply_body("$var(sb_sdp)", "application/sdp");
    t_reply("183", "Session Progress");
    ${waitForService}
    if (!t_suspend()) {
        t_reply("500", "Cannot suspend");
        exit;
    }
${evapiJson(
  [
    ['string', 'event', 'ivr-waiting'],
    ['integer', 'tindex', '$T(id_index)'],
    ['integer', 'tlabel', '$T(id_label)'],
    ['string', 'callId', '$ci'],
  ],
  'evapi_relay',
  4,
)}
    exit;
}

# The IVR enqueued the call: ask the routing service for an agent, as for a call to the queue.
route[IVR_TO_QUEUE] {
    $rU = $var(sb_queue);
    ${waitForService}
    if (!t_suspend()) {
        t_reply("500", "Cannot suspend");
        exit;
    }
${evapiJson(
  [
    ['string', 'event', 'route-request'],
    ['integer', 'tindex', '$T(id_index)'],
    ['integer', 'tlabel', '$T(id_label)'],
    ['string', 'callId', '$ci'],
    ['string', 'queue', '$var(sb_queue)'],
    ['string', 'from', '$fu'],
  ],
  'evapi_relay',
  4,
)}
    exit;
}
`;
}
