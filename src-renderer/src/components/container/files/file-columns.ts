// The Files tab's table columns, and the icon and word shown for each kind of file.
import { File, FileQuestion, FileSymlink, Folder } from '@lucide/vue';
import type { Component } from 'vue';
import type { FileType } from '../../../../../src-main/contract/dto/files';
import type { TableColumn } from '../../table-types';

export const FILE_COLUMNS: TableColumn[] = [
  { key: 'name', title: 'Name', width: 'minmax(220px, 3fr)', sortable: true },
  { key: 'size', title: 'Size', width: '100px', align: 'right', sortable: true },
  { key: 'modified', title: 'Modified', width: '150px', sortable: true },
  { key: 'mode', title: 'Permissions', width: '130px' },
];

export const FILE_ICONS: Record<FileType, Component> = {
  dir: Folder,
  file: File,
  symlink: FileSymlink,
  other: FileQuestion,
};

export const FILE_KINDS: Record<FileType, string> = {
  dir: 'Folder',
  file: 'File',
  symlink: 'Link',
  other: 'Special file',
};
