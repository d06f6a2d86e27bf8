// Messages built the way real mailers write them (nodemailer's stream transport: encoded
// words, base64 / quoted-printable, multipart with HTML and attachments), plus hand-written
// legacy ones (KOI8-R, a bare address).
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { PultError } from '../../../core/errors.js';
import { decodeWords, parseMessage, parseSender } from './parse-message.js';

/** Writes the message as a real mailer does, into a buffer instead of onto the wire. */
const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
type MailOptions = Parameters<typeof transport.sendMail>[0];

async function compose(mail: MailOptions): Promise<Buffer> {
  const info = await transport.sendMail(mail);
  return info.message as Buffer;
}

describe('reading an inbound email', () => {
  it('a Russian plain-text message: sender, name, subject, body, Message-ID', async () => {
    const raw = await compose({
      from: { name: 'Пётр Васильев', address: 'Petr@Example.ru' },
      to: 'zakaz@pult.test',
      subject: 'Заявка: смеситель и установка',
      text: 'Здравствуйте! Нужен GROHE-33202.\nТелефон 8 (916) 000-11-22.\n'.repeat(3),
      messageId: '<lead-1@example.ru>',
    });
    const m = parseMessage(raw);
    expect(m).toMatchObject({ messageId: 'lead-1@example.ru', fromEmail: 'petr@example.ru', fromName: 'Пётр Васильев', subject: 'Заявка: смеситель и установка' });
    expect(m.text).toContain('Телефон 8 (916) 000-11-22.');
    expect(m.text.startsWith('Здравствуйте! Нужен GROHE-33202.')).toBe(true);
  });

  it('multipart: the plain part is read, HTML and attachments are not', async () => {
    const raw = await compose({
      from: '"Анна" <anna@example.ru>',
      subject: 'Заказ',
      text: 'Текстом: CERS-PARVA, тел. +7 912 345-67-89',
      html: '<p>HTML: <b>другое</b></p>',
      attachments: [{ filename: 'смета.txt', content: 'INSTALL-STD в вложении' }],
    });
    const m = parseMessage(raw);
    expect(m.text).toBe('Текстом: CERS-PARVA, тел. +7 912 345-67-89');
    expect(m.fromName).toBe('Анна');
  });

  it('HTML only: tags out, the words kept', async () => {
    const raw = await compose({ from: 'olga@example.ru', subject: 'Hi', html: '<div>Нужен <b>THERMEX-80</b></div><p>Тел: 8&nbsp;916&nbsp;111-22-33</p>' });
    const m = parseMessage(raw);
    expect(m.fromName).toBeNull();
    expect(m.text).toContain('Нужен THERMEX-80');
    expect(m.text).toContain('Тел: 8 916 111-22-33');
  });

  it('legacy KOI8-R quoted-printable, LF line ends, folded headers, no Message-ID', () => {
    const koi = (s: string) => Buffer.from([...s].map((c) => KOI8[c] ?? c.charCodeAt(0)));
    const body = koi('Привет');
    const qp = [...body].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    const raw = Buffer.from(
      `From: =?koi8-r?B?${body.toString('base64')}?=\n <ivan@example.ru>\nSubject: test\nContent-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: quoted-printable\n\n${qp} GROHE-33202\n`,
      'latin1',
    );
    const m = parseMessage(raw);
    expect(m).toMatchObject({ messageId: null, fromEmail: 'ivan@example.ru', fromName: 'Привет', text: 'Привет GROHE-33202' });
  });

  it('junk is refused with a reason: no headers, no sender, no address', () => {
    const refuse = (raw: string) => {
      try {
        parseMessage(Buffer.from(raw));
      } catch (e) {
        return e instanceof PultError ? e.code : 'other';
      }
      return 'accepted';
    };
    expect(refuse('just some text, not a message')).toBe('lead.bad_message');
    expect(refuse('Subject: hi\r\n\r\nbody')).toBe('lead.bad_message');
    expect(refuse('From: Пётр\r\n\r\nbody')).toBe('lead.bad_message');
    expect(refuse('')).toBe('lead.bad_message');
  });

  it('sender forms and encoded words', () => {
    expect(parseSender('petr@example.ru (Пётр)')).toEqual({ email: 'petr@example.ru', name: 'Пётр' });
    expect(parseSender('"Иванов, Пётр" <P@EX.ru>')).toEqual({ email: 'p@ex.ru', name: 'Иванов, Пётр' });
    expect(decodeWords('=?UTF-8?Q?=D0=9F=D1=91=D1=82=D1=80?= =?UTF-8?B?INCS0LDRgdC40LvRjNC10LI=?=')).toBe('Пётр Васильев');
  });
});

/** The few KOI8-R letters the test needs. */
const KOI8: Record<string, number> = { П: 0xf0, р: 0xd2, и: 0xc9, в: 0xd7, е: 0xc5, т: 0xd4 };
