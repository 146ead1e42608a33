/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query LearnerToday {\n  me {\n    id\n    name\n    locale\n    role\n  }\n  today {\n    date\n    timezone\n    streak\n    recognitions {\n      id\n      whatHappened\n      createdAt\n      leader {\n        name\n      }\n    }\n    pulse {\n      week\n      question\n      scale\n    }\n    items {\n      id\n      kind\n      status\n      dueAt\n      rating\n      lesson {\n        id\n        title\n        kind\n        body\n        minutes\n        questions {\n          id\n          prompt\n          choices\n        }\n      }\n      card {\n        id\n        front\n        back\n      }\n      reminderOf {\n        id\n      }\n    }\n  }\n}\n\nmutation CompleteLesson($deliveryId: ID!, $input: CompleteLessonInput!) {\n  completeLesson(deliveryId: $deliveryId, input: $input) {\n    correct\n    total\n    feedback\n    delivery {\n      id\n      status\n    }\n  }\n}\n\nmutation RateReviewCard($deliveryId: ID!, $rating: ReviewRating!) {\n  reviewCard(deliveryId: $deliveryId, rating: $rating) {\n    id\n    status\n    rating\n  }\n}\n\nmutation AnswerPulse($input: AnswerPulseInput!) {\n  answerPulse(input: $input) {\n    week\n  }\n}\n\nquery LearnerHistory($personId: ID, $after: String) {\n  deliveries(personId: $personId, first: 30, after: $after) {\n    edges {\n      node {\n        id\n        kind\n        status\n        dueAt\n        rating\n        lesson {\n          title\n        }\n        card {\n          front\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.LearnerTodayDocument,
};
const documents: Documents = {
    "query LearnerToday {\n  me {\n    id\n    name\n    locale\n    role\n  }\n  today {\n    date\n    timezone\n    streak\n    recognitions {\n      id\n      whatHappened\n      createdAt\n      leader {\n        name\n      }\n    }\n    pulse {\n      week\n      question\n      scale\n    }\n    items {\n      id\n      kind\n      status\n      dueAt\n      rating\n      lesson {\n        id\n        title\n        kind\n        body\n        minutes\n        questions {\n          id\n          prompt\n          choices\n        }\n      }\n      card {\n        id\n        front\n        back\n      }\n      reminderOf {\n        id\n      }\n    }\n  }\n}\n\nmutation CompleteLesson($deliveryId: ID!, $input: CompleteLessonInput!) {\n  completeLesson(deliveryId: $deliveryId, input: $input) {\n    correct\n    total\n    feedback\n    delivery {\n      id\n      status\n    }\n  }\n}\n\nmutation RateReviewCard($deliveryId: ID!, $rating: ReviewRating!) {\n  reviewCard(deliveryId: $deliveryId, rating: $rating) {\n    id\n    status\n    rating\n  }\n}\n\nmutation AnswerPulse($input: AnswerPulseInput!) {\n  answerPulse(input: $input) {\n    week\n  }\n}\n\nquery LearnerHistory($personId: ID, $after: String) {\n  deliveries(personId: $personId, first: 30, after: $after) {\n    edges {\n      node {\n        id\n        kind\n        status\n        dueAt\n        rating\n        lesson {\n          title\n        }\n        card {\n          front\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.LearnerTodayDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LearnerToday {\n  me {\n    id\n    name\n    locale\n    role\n  }\n  today {\n    date\n    timezone\n    streak\n    recognitions {\n      id\n      whatHappened\n      createdAt\n      leader {\n        name\n      }\n    }\n    pulse {\n      week\n      question\n      scale\n    }\n    items {\n      id\n      kind\n      status\n      dueAt\n      rating\n      lesson {\n        id\n        title\n        kind\n        body\n        minutes\n        questions {\n          id\n          prompt\n          choices\n        }\n      }\n      card {\n        id\n        front\n        back\n      }\n      reminderOf {\n        id\n      }\n    }\n  }\n}\n\nmutation CompleteLesson($deliveryId: ID!, $input: CompleteLessonInput!) {\n  completeLesson(deliveryId: $deliveryId, input: $input) {\n    correct\n    total\n    feedback\n    delivery {\n      id\n      status\n    }\n  }\n}\n\nmutation RateReviewCard($deliveryId: ID!, $rating: ReviewRating!) {\n  reviewCard(deliveryId: $deliveryId, rating: $rating) {\n    id\n    status\n    rating\n  }\n}\n\nmutation AnswerPulse($input: AnswerPulseInput!) {\n  answerPulse(input: $input) {\n    week\n  }\n}\n\nquery LearnerHistory($personId: ID, $after: String) {\n  deliveries(personId: $personId, first: 30, after: $after) {\n    edges {\n      node {\n        id\n        kind\n        status\n        dueAt\n        rating\n        lesson {\n          title\n        }\n        card {\n          front\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): typeof import('./graphql').LearnerTodayDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
