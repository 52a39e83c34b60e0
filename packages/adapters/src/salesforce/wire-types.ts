// Salesforce REST API wire types (API v60.0), written by hand from the documented request and
// response shapes (developer.salesforce.com: REST API Developer Guide — Search, Query, sObject Rows,
// sObject Basic Information, Status Codes and Error Responses; Object Reference — Contact, Case,
// CaseComment, Task). Salesforce publishes no OpenAPI document for these resources that could be
// obtained here (the sObject OpenAPI beta is generated per org). Only the fields used are listed.

/** @internal */
export interface SfAttributes {
  type: string;
  url: string;
}

/** @internal */
export interface SfContact {
  attributes?: SfAttributes;
  Id: string;
  Name: string | null;
  Email: string | null;
  Phone: string | null;
  MobilePhone: string | null;
  Account?: { Name: string | null } | null;
}

/** @internal */
export interface SfCase {
  attributes?: SfAttributes;
  Id: string;
  CaseNumber?: string;
  Subject: string | null;
  Description: string | null;
  Status: string;
  Priority: string | null;
  ContactId: string | null;
  Switchboard_Key__c?: string | null;
  LastModifiedDate: string;
}

/** Fields of a Case sent on create or update. @internal */
export interface SfCaseInput {
  Subject?: string;
  Description?: string;
  Status?: string;
  Priority?: string;
  Origin?: string;
  ContactId?: string;
  Switchboard_Key__c?: string;
}

/** @internal */
export interface SfTask {
  attributes?: SfAttributes;
  Id: string;
  Subject: string | null;
  CallObject: string | null;
  CallDisposition: string | null;
  CallDurationInSeconds: number | null;
  Description: string | null;
  Switchboard_Key__c?: string | null;
}

/** Fields of a Task sent on create (a logged call). @internal */
export interface SfTaskInput {
  Subject: string;
  TaskSubtype: 'Call';
  Type: 'Call';
  Status: 'Completed';
  CallType: 'Inbound' | 'Outbound';
  CallObject: string;
  CallDurationInSeconds: number;
  CallDisposition?: string;
  ActivityDate: string;
  Description: string;
  WhoId?: string;
  WhatId?: string;
  Switchboard_Key__c: string;
}

/** @internal */
export interface SfCaseComment {
  attributes?: SfAttributes;
  Id: string;
  ParentId: string;
  CommentBody: string | null;
  IsPublished: boolean;
}

/** @internal */
export interface SfCaseCommentInput {
  ParentId: string;
  CommentBody: string;
  IsPublished: boolean;
}

/** `GET /search?q=<SOSL>`. @internal */
export interface SfSearchResponse<T> {
  searchRecords: T[];
}

/** `GET /query?q=<SOQL>` and `GET <nextRecordsUrl>`. @internal */
export interface SfQueryResponse<T> {
  totalSize: number;
  done: boolean;
  records: T[];
  nextRecordsUrl?: string;
}

/** The answer to `POST /sobjects/<type>`. @internal */
export interface SfSaveResult {
  id: string;
  success: boolean;
  errors: SfError[];
}

/** One entry of an error body (error bodies are arrays of these). @internal */
export interface SfError {
  message: string;
  errorCode: string;
  fields?: string[];
}
