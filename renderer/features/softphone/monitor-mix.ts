// The operator's side of call monitoring, in WebAudio. The supervisor's leg is sent
// mix(operator's microphone + the customer's voice); in barge the customer's leg is sent
// mix(microphone + supervisor) instead of the bare microphone (RTCRtpSender.replaceTrack, no
// renegotiation), and put back when barge ends. What the operator hears from the supervisor
// is played by the monitoring leg's own <audio> element (engine.ts), never in listen mode.
import type { MonitorMode } from '../../../core/monitor.js';

export interface CustomerLeg {
  /** The customer call's peer connection (its audio sender is swapped in barge). */
  pc: RTCPeerConnection;
  /** What the operator's microphone sends on that call. */
  mic: MediaStream;
  /** What the customer says. */
  customer: MediaStream;
}

export class MonitorMix {
  private readonly ctx = new AudioContext();
  private readonly micSrc: MediaStreamAudioSourceNode;
  private readonly customerSrc: MediaStreamAudioSourceNode;
  private readonly toSupervisor: MediaStreamAudioDestinationNode;
  private toCustomer: MediaStreamAudioDestinationNode | null = null;
  private supervisorSrc: MediaStreamAudioSourceNode | null = null;
  private micTrack: MediaStreamTrack | null;
  private mode: MonitorMode = 'listen';
  private closed = false;

  constructor(private readonly leg: CustomerLeg) {
    // Autoplay policy: the operator interacted with the window long ago (login, answer).
    void this.ctx.resume().catch(() => undefined);
    this.micSrc = this.ctx.createMediaStreamSource(leg.mic);
    this.customerSrc = this.ctx.createMediaStreamSource(leg.customer);
    this.toSupervisor = this.ctx.createMediaStreamDestination();
    this.micSrc.connect(this.toSupervisor);
    this.customerSrc.connect(this.toSupervisor);
    this.micTrack = leg.mic.getAudioTracks()[0] ?? null;
  }

  /** The stream the supervisor's leg sends. */
  get supervisorFeed(): MediaStream {
    return this.toSupervisor.stream;
  }

  get currentMode(): MonitorMode {
    return this.mode;
  }

  /** Switches mode; `supervisor` is what the supervisor says (needed for barge). */
  async setMode(mode: MonitorMode, supervisor: MediaStream | null): Promise<void> {
    if (this.closed) return;
    this.mode = mode;
    if (mode === 'barge' && supervisor) {
      if (!this.toCustomer) {
        this.toCustomer = this.ctx.createMediaStreamDestination();
        this.micSrc.connect(this.toCustomer);
      }
      this.supervisorSrc?.disconnect();
      this.supervisorSrc = this.ctx.createMediaStreamSource(supervisor);
      this.supervisorSrc.connect(this.toCustomer);
      await this.sendToCustomer(this.toCustomer.stream.getAudioTracks()[0] ?? null);
    } else {
      this.supervisorSrc?.disconnect();
      this.supervisorSrc = null;
      await this.sendToCustomer(this.micTrack);
    }
  }

  private async sendToCustomer(track: MediaStreamTrack | null): Promise<void> {
    if (!track || this.leg.pc.connectionState === 'closed') return;
    for (const sender of this.leg.pc.getSenders()) {
      if (sender.track?.kind !== 'audio' || sender.track === track) continue;
      // Keep the operator's mute and hold: the new track starts as the old one was.
      track.enabled = sender.track.enabled;
      await sender.replaceTrack(track).catch(() => undefined);
    }
  }

  /** Ends monitoring: the customer hears the bare microphone again; the graph is released. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.setMode('listen', null);
    this.closed = true;
    this.toCustomer?.stream.getTracks().forEach((t) => t.stop());
    await this.ctx.close().catch(() => undefined);
  }
}
