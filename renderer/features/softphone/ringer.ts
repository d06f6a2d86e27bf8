// Ring and call-waiting beep made with Web Audio (no audio files, no CSP media exceptions),
// played through an <audio> element so it can go to a chosen ringer device (setSinkId).
export interface Ringer {
  start(kind: 'ring' | 'waiting', deviceId: string | null): void;
  stop(): void;
}

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

export function createRinger(): Ringer {
  let ctx: AudioContext | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let audio: SinkAudio | null = null;
  let dest: MediaStreamAudioDestinationNode | null = null;
  let playing: 'ring' | 'waiting' | null = null;

  function burst(freqs: number[], seconds: number, volume: number): void {
    if (!ctx || !dest) return;
    const now = ctx.currentTime;
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0, now);
    gain.gain.linearRampToValueAtTime(volume, now + 0.02);
    gain.gain.setValueAtTime(volume, now + seconds - 0.05);
    gain.gain.linearRampToValueAtTime(0, now + seconds);
    gain.connect(dest);
    for (const f of freqs) {
      const osc = ctx.createOscillator();
      osc.frequency.value = f;
      osc.connect(gain);
      osc.start(now);
      osc.stop(now + seconds);
    }
  }

  return {
    start(kind, deviceId) {
      if (playing === kind) return;
      this.stop();
      playing = kind;
      try {
        ctx = new AudioContext();
        dest = ctx.createMediaStreamDestination();
        audio = document.createElement('audio') as SinkAudio;
        audio.srcObject = dest.stream;
        if (deviceId && audio.setSinkId) void audio.setSinkId(deviceId).catch(() => undefined);
        void audio.play().catch(() => undefined);
      } catch {
        return; // no audio output: the banner still shows the call
      }
      // Loud ring: 1 s of a two-tone 425/480 Hz chord every 3 s. Waiting: a soft short beep every 4 s.
      const ring = () => (kind === 'ring' ? burst([425, 480], 1, 0.9) : burst([440], 0.2, 0.15));
      ring();
      timer = setInterval(ring, kind === 'ring' ? 3000 : 4000);
    },
    stop() {
      playing = null;
      clearInterval(timer);
      timer = undefined;
      if (audio) audio.srcObject = null;
      audio = null;
      void ctx?.close().catch(() => undefined);
      ctx = null;
      dest = null;
    },
  };
}
