// One Bluejay community, declared beside the rest of your infrastructure.
import { Community } from "pulumi-bluejay";

const support = new Community("support", {
  title: "Support line callers",
  description: "Angry, confused and happy callers for the support agent",
  digitalHumanIds: [101, 102, 103],
});

export const communityId = support.id; // Bluejay's community id (a UUID)
export const createdAt = support.createdAt; // from Bluejay's created_at
export const digitalHumanIds = support.digitalHumanIds;
