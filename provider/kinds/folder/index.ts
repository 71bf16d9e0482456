// The Folder resource, its lookups and its types: what the package exports for this kind.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { lookupsFor, type LookupOptions } from "../../lookups";
import { folderKind, type Folder as Entity, type FolderInputs } from "./kind";

export type { Folder as GetFolderResult, FolderInput, FolderInputs } from "./kind";

/** The type Pulumi records for folders: `pulumi-nodejs:dynamic/bluejay:Folder`. */
export const FOLDER_TYPE = typeToken(folderKind.name);

export type FolderArgs = KindArgs<FolderInputs, string>;
export type FolderOutputs = KindOutputs<FolderInputs, Entity, "createdAt" | "organizationId", string>;

/** A Bluejay folder of agents. Its name updates in place; removing the resource deletes the folder. */
export const Folder = resourceClass<FolderArgs, FolderOutputs>(folderKind);
export type Folder = InstanceType<typeof Folder>;

const lookups = lookupsFor(folderKind);
/** Reads one folder by its UUID. */
export const getFolder = lookups.get;
/** `getFolder` taking an Input id and returning an Output. */
export const getFolderOutput = lookups.getOutput;
/** Lists every folder of the workspace. */
export const listFolders = (options?: LookupOptions): Promise<Entity[]> => lookups.list({}, options);
