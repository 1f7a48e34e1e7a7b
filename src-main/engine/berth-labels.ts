// The one scheme that marks what Berth creates on an engine for its own jobs: labels, helper names, engine filters.
//
// Everything Berth makes for itself carries the label key `berth.helper`:
//   the helper image berth/helper:1   berth.helper=1 (also set by the VM's init: vm-assets/guest/usr/lib/berth/supervisor)
//   each helper container             berth.helper=container and berth.helper.job=<job>,
//                                     named berth-helper-<job>-<6 hex digits>
// What the user makes from the helper image inherits its berth.helper=1 and stays the user's: only
// the value "container" marks a container as Berth's, and only the berth/helper tag with the label
// an image (one built FROM it has the label, not the tag). Berth makes no volumes or networks for
// itself. Lists flag these objects (`berthOwned`); disk usage counts them apart; the user's prunes
// leave them alone (a prune of all images goes by the label, so it also keeps images built FROM
// the helper image).
import { randomBytes } from 'node:crypto';
import { HELPER_IMAGE_REPOSITORY } from '../core/helper-image-name';

export const BERTH_LABEL = 'berth.helper';
/** BERTH_LABEL's value on the helper image. */
export const BERTH_IMAGE_VALUE = '1';
/** BERTH_LABEL's value on helper containers. */
export const BERTH_CONTAINER_VALUE = 'container';
/** Helper container label: the job it was made for, e.g. "volume-files". */
export const BERTH_JOB_LABEL = 'berth.helper.job';
/** Helper image label: "true" when the image has busybox (a shell, find, stat, ...). */
export const BERTH_SHELL_LABEL = 'berth.helper.shell';

/** What a helper container is for; part of its name and its BERTH_JOB_LABEL. */
export type HelperJob =
  | 'volume-files'
  | 'volume-copy'
  | 'volume-export'
  | 'volume-import'
  | 'volume-check'
  | 'volume-empty'
  | 'volume-clone-source'
  | 'volume-clone-target';

type Labels = Record<string, string> | null | undefined;

/** Berth's helper image: labelled berth.helper=1 and tagged berth/helper:<version>. */
export function isBerthImage(labels: Labels, repoTags: string[] | null | undefined): boolean {
  return hasBerthImageLabel(labels) && (repoTags ?? []).some((tag) => tag.startsWith(`${HELPER_IMAGE_REPOSITORY}:`));
}

/** The helper image's label, which images built FROM it inherit; what BERTH_IMAGE_FILTER selects. */
export function hasBerthImageLabel(labels: Labels): boolean {
  return labels?.[BERTH_LABEL] === BERTH_IMAGE_VALUE;
}

export function isBerthContainer(labels: Labels): boolean {
  return labels?.[BERTH_LABEL] === BERTH_CONTAINER_VALUE;
}

export function helperContainerLabels(job: HelperJob): Record<string, string> {
  return { [BERTH_LABEL]: BERTH_CONTAINER_VALUE, [BERTH_JOB_LABEL]: job };
}

/** `berth-helper-<job>-<6 hex digits>`, e.g. berth-helper-volume-files-3f9a1c: a name `docker ps -a` explains. */
export function helperContainerName(job: HelperJob): string {
  return `berth-helper-${job}-${randomBytes(3).toString('hex')}`;
}

/** Engine `label` filter value selecting Berth's helper containers (`label!` for all but them). */
export const BERTH_CONTAINER_FILTER = `${BERTH_LABEL}=${BERTH_CONTAINER_VALUE}`;
/** Engine `label` filter value selecting images with the helper image's label (`label!` for all but those). */
export const BERTH_IMAGE_FILTER = `${BERTH_LABEL}=${BERTH_IMAGE_VALUE}`;
