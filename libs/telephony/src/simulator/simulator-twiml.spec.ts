import { describe, expect, it } from '@jest/globals';
import twilio from 'twilio';
import { dialsOut, readConnectRelay } from './simulator-twiml';

describe('simulator TwiML', () => {
  it('reads the relay session the Twilio SDK writes, unescaping its values', () => {
    const response = new twilio.twiml.VoiceResponse();
    const relay = response.connect({ action: 'https://cc.example/relay-action/9?a=1&b=2' }).conversationRelay({ url: 'wss://cc.example/relay?x=1&y=2', welcomeGreeting: '您好 <测试>', language: 'zh-CN' });
    relay.parameter({ name: 'attemptId', value: '9' });
    relay.parameter({ name: 'customer', value: '张三 & "李四"' });

    expect(readConnectRelay(response.toString())).toEqual({
      url: 'wss://cc.example/relay?x=1&y=2',
      action: 'https://cc.example/relay-action/9?a=1&b=2',
      parameters: { attemptId: '9', customer: '张三 & "李四"' },
    });
  });

  it('takes attributes in any order and quoting, with > inside a value and character references', () => {
    const twiml = `<?xml version="1.0"?>
      <Response>
        <Connect
          action='https://cc.example/done'>
          <ConversationRelay welcomeGreeting="1 > 0" language='zh-CN' url="wss://cc.example/r?p=&#x31;&amp;q=&#50;">
            <Parameter value='v&apos;1' name="k1"/>
            <Parameter name="k2" value="v2" />
          </ConversationRelay>
        </Connect>
      </Response>`;
    expect(readConnectRelay(twiml)).toEqual({ url: 'wss://cc.example/r?p=1&q=2', action: 'https://cc.example/done', parameters: { k1: "v'1", k2: 'v2' } });
  });

  it('connects no relay without a Connect or a url, and no action without one', () => {
    expect(readConnectRelay('<Response><Say>Hello</Say></Response>')).toBeNull();
    expect(readConnectRelay('')).toBeNull();
    expect(readConnectRelay('<Response><Connect action="https://a"><ConversationRelay language="zh-CN"/></Connect></Response>')).toBeNull();
    expect(readConnectRelay('<Response><Connect><ConversationRelay url="wss://r"/></Connect></Response>')).toEqual({ url: 'wss://r', action: null, parameters: {} });
  });

  it('tells a Dial from a hangup or a goodbye', () => {
    expect(dialsOut('<Response><Dial callerId="+15005550006"><Number>+861088888888</Number></Dial></Response>')).toBe(true);
    expect(dialsOut('<Response><Dial>+861088888888</Dial></Response>')).toBe(true);
    expect(dialsOut('<Response><Hangup/></Response>')).toBe(false);
    expect(dialsOut('<Response><Say>再见</Say></Response>')).toBe(false);
    expect(dialsOut('')).toBe(false);
  });
});
