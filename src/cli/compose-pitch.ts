// The pitch pipeline's composition lives with the rest of it; the CLI names it from here.
export { composePitch, newPitchId } from '../compose/pitch.ts';
