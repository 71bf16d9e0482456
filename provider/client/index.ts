export { BluejayClient, type CommunityList } from "./client";
export { DEFAULT_BASE_URL, type BluejayClientOptions } from "./options";
export * from "./errors";
export {
  CommunitySchema,
  type Community,
  type CreateCommunityInput,
  type UpdateCommunityInput,
  type ListCommunitiesOptions,
  type FieldError,
} from "./schemas";
