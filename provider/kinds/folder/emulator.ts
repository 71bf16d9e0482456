// The emulator's double of Bluejay's folders. Deleting one leaves its agents in no folder.
import { ORGANIZATION_ID, routes, type EmulatedKind } from "../../../emulator/kit";

const MISSING = "Folder not found";

export const folderDouble: EmulatedKind = {
  file: "folders",
  ids: "uuid",
  routes: [
    routes.create("POST /v1/create-folder", ({ name }) => ({ name, organization_id: ORGANIZATION_ID })),
    routes.list("GET /v1/all-folders"),
    routes.get("GET /v1/folder/{folder_id}", MISSING),
    routes.update("PUT /v1/update-folder/{folder_id}", MISSING),
    routes.remove("DELETE /v1/folder/{folder_id}", MISSING, {
      // "This will set the folder_id to NULL for all agents in this folder."
      after: (folder, context) =>
        context.of("agents").modifyAll((agent) => {
          if (agent.folder_id !== folder.id) return false;
          agent.folder_id = null;
          agent.folder = null;
          return true;
        }),
      answer: (folder) => ({ folder_id: folder.id, status: "success" }),
    }),
    routes.list("GET /v1/get-agents-by-folder/{folder_id}", ({ params }, context) =>
      context.of("agents").all((agent) => agent.folder_id === params.folder_id),
    ),
  ],
};
