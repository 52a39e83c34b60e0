// WeCom (Enterprise WeChat, 企业微信) server API wire types, written by hand from the documented
// shapes (developer.work.weixin.qq.com: 获取access_token, 发送应用消息 message/send, 群机器人配置说明
// webhook/send, 全局错误码). WeCom publishes no OpenAPI document. Only the fields used are listed.

/** Every answer carries these; `errcode` 0 is success (HTTP status is 200 either way). @internal */
export interface WeComResult {
  errcode: number;
  errmsg: string;
}

/** `GET /cgi-bin/gettoken?corpid=…&corpsecret=…`. @internal */
export interface WeComTokenResult extends WeComResult {
  access_token?: string;
  /** Seconds (7200). */
  expires_in?: number;
}

/** An application message (`POST /cgi-bin/message/send?access_token=…`). @internal */
export type WeComAppMessage = {
  touser: string;
  agentid: number;
  enable_duplicate_check: 0 | 1;
  duplicate_check_interval: number;
} & (
  | { msgtype: 'text'; text: { content: string } }
  | {
      msgtype: 'textcard';
      textcard: { title: string; description: string; url: string; btntxt: string };
    }
);

/** The answer to `message/send`. @internal */
export interface WeComSendResult extends WeComResult {
  invaliduser?: string;
  unlicenseduser?: string;
  msgid?: string;
}

/** A group robot message (`POST /cgi-bin/webhook/send?key=…`). @internal */
export interface WeComRobotMessage {
  msgtype: 'text';
  text: { content: string; mentioned_list?: string[] };
}
