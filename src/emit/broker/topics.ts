/**
 * The broker's view of a spec (`BrokerTopics`, the runtime's plain topic data), from the model: each topic
 * as the runtime's `TopicTemplate` reads it, so that generated broker configuration and the one the runtime
 * derives from a generated table are the same derivation.
 */
import type { ApiModel, TopicModel } from "../../model.js";
import { brokerOperation, brokerTopic, TopicTemplate, type BrokerTopics } from "@mqttgen/runtime/server";

export function brokerTopicsOfModel(model: ApiModel): BrokerTopics {
  const replies = model.dialect.replies;
  return {
    title: model.title,
    apiVersion: model.apiVersion,
    ...(replies.kind === "shared-topic" && { sharedReplyTopic: replies.topic }),
    ...(replies.kind === "requester-topic" && { requesterPrefix: brokerTopic(new TopicTemplate(replies.prefix, [])) }),
    operations: model.operations.map((operation) => {
      const reply = operation.reply;
      const replyTopics =
        reply?.kind === "topic" ? [reply.topic] : reply?.kind === "accepted-rejected" ? [reply.accepted, reply.rejected] : [];
      return brokerOperation(operation.id, operation.direction, template(operation.topic), replyTopics.map(template));
    }),
  };
}

function template(topic: TopicModel): TopicTemplate {
  return new TopicTemplate(
    topic.template,
    topic.parameters.map(({ name, type, scope }) => ({ name, type, scope })),
  );
}
