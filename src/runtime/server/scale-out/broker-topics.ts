/**
 * An API's topics as broker configuration needs them, as plain data: for each topic the filter that
 * confines it to one client (its client-id level written `%c`, Mosquitto's ACL pattern for the client id)
 * and the filter matching it for every client. The runtime derives it from an `ApiTable`, the generator
 * (`src/emit/broker/`) from the model, both through `brokerTopic`; the ACL (`mosquitto-config.ts`) and the
 * question whether devices can be served on the broker at all are decided from it alone.
 */
import { ApiIndex } from "../../api-index.js";
import type { ApiTable, OperationDirection } from "../../api-table.js";
import type { TopicTemplate } from "../../topic-template.js";

export interface BrokerTopic {
  /** The topic as the spec writes it (`clients/{clientId}/events`). */
  readonly template: string;
  /** The filter for the client itself, its client-id level `%c` and every other parameter `+`. */
  readonly own: string;
  /** The filter for every client: every parameter `+`. */
  readonly every: string;
  /** Whether a level names the client, so that an ACL can confine the topic to it. */
  readonly clientScoped: boolean;
}

export interface BrokerOperation {
  readonly id: string;
  readonly direction: OperationDirection;
  readonly topic: BrokerTopic;
  /** The operation's own reply topics (a reply topic, or an accepted/rejected pair). */
  readonly replies: readonly BrokerTopic[];
}

export interface BrokerTopics {
  readonly title: string;
  readonly apiVersion: string;
  /** The one topic every reply travels on, when the dialect has one (IoT Hub's `$iothub/responses`). */
  readonly sharedReplyTopic?: string;
  /** The prefix requesters set their Response Topic under, when the dialect lets them. */
  readonly requesterPrefix?: BrokerTopic;
  readonly operations: readonly BrokerOperation[];
}

export function brokerTopic(template: TopicTemplate): BrokerTopic {
  return {
    template: template.template,
    own: template.filterFor("%c"),
    every: template.wildcardFilter(),
    clientScoped: template.hasClientIdLevel,
  };
}

export function brokerOperation(
  id: string,
  direction: OperationDirection,
  topic: TopicTemplate,
  replies: readonly TopicTemplate[],
): BrokerOperation {
  return { id, direction, topic: brokerTopic(topic), replies: replies.map(brokerTopic) };
}

/** The broker's view of an API table. */
export function brokerTopicsOf(api: ApiTable): BrokerTopics {
  const index = new ApiIndex(api);
  const replies = api.dialect.replies;
  return {
    title: api.title,
    apiVersion: api.apiVersion,
    ...(replies.kind === "shared-topic" && { sharedReplyTopic: replies.topic }),
    ...(index.requesterPrefix !== undefined && { requesterPrefix: brokerTopic(index.requesterPrefix) }),
    operations: index.operations.map((operation) => {
      const reply = operation.reply;
      const replyTopics =
        reply?.kind === "topic" ? [reply.topic] : reply?.kind === "accepted-rejected" ? [reply.accepted, reply.rejected] : [];
      return brokerOperation(operation.id, operation.spec.direction, operation.topic, replyTopics);
    }),
  };
}

/**
 * Why devices cannot be the broker's own clients for these topics (empty when they can): a shared reply
 * topic, a topic without a client-id level (the broker could not confine it, nor tell who sent it), and
 * for workers in a group (`shared`) a client→server topic starting with `$`, which shared subscriptions
 * miss.
 */
export function brokerTopicProblems(topics: BrokerTopics, shared: boolean): string[] {
  const problems: string[] = [];
  if (topics.sharedReplyTopic !== undefined) {
    problems.push(`replies travel on the shared topic ${topics.sharedReplyTopic}, which a broker cannot keep per client`);
  }
  for (const operation of topics.operations) {
    const { template } = operation.topic;
    if (!operation.topic.clientScoped) problems.push(`${operation.id}: topic ${template} has no client-id level`);
    else if (shared && operation.direction === "client-to-server" && template.startsWith("$"))
      problems.push(`${operation.id}: topic ${template} starts with $, which shared subscriptions miss`);
    for (const reply of operation.replies) {
      if (!reply.clientScoped) problems.push(`${operation.id}: reply topic ${reply.template} has no client-id level`);
    }
  }
  return problems;
}
