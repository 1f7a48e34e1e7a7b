// The name of Berth's helper image, shared by the engine code that uses it and the machine that waits for the VM to load it.

export const HELPER_IMAGE_REPOSITORY = 'berth/helper';
export const HELPER_IMAGE_TAG = '1';
/** `berth/helper:1`; the VM's init imports it into the engine on the data disk's first boot. */
export const HELPER_IMAGE = `${HELPER_IMAGE_REPOSITORY}:${HELPER_IMAGE_TAG}`;
