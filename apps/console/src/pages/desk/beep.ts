/** A short two-tone chime from WebAudio (no sound file): an AI handover is ringing. */
let context: AudioContext | null = null;

export function beep(): void {
  try {
    const ctx = (context ??= new AudioContext());
    // a page not clicked yet may start suspended; resuming is allowed once the agent has interacted
    void ctx.resume();
    const start = ctx.currentTime + 0.02;
    [880, 1175].forEach((frequency, i) => {
      const at = start + i * 0.22;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.2);
    });
  } catch {
    /* no audio here (a locked-down browser): the banner alone tells the agent */
  }
}
