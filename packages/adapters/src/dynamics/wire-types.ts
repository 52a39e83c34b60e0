// Microsoft Dataverse Web API (Dynamics 365 Customer Service, API v9.2) wire types, written by hand
// from the documented entity types and request shapes (learn.microsoft.com: Web API reference —
// contact, incident, phonecall, annotation EntityTypes, CloseIncident action; "Query data using the
// Web API" for paging with @odata.nextLink; "Perform conditional operations" for ETags;
// "Upsert a table row"). Microsoft publishes CSDL $metadata per environment, not an OpenAPI
// document, so no types could be generated. Only the fields used are listed.

/** @internal */
export interface DvContact {
  contactid: string;
  fullname: string | null;
  emailaddress1: string | null;
  telephone1: string | null;
  mobilephone: string | null;
  parentcustomerid_account?: { name: string | null } | null;
}

/** @internal */
export interface DvIncident {
  '@odata.etag'?: string;
  incidentid: string;
  ticketnumber?: string | null;
  title: string | null;
  description: string | null;
  /** 0 Active, 1 Resolved, 2 Cancelled. */
  statecode: number;
  /** 1 In Progress, 2 On Hold, 3 Waiting for Details, 4 Researching, 5 Problem Solved, ... */
  statuscode: number;
  /** 1 High, 2 Normal, 3 Low. */
  prioritycode: number | null;
  _customerid_value?: string | null;
  versionnumber?: number | string | null;
  modifiedon: string;
}

/** Fields of an incident sent on create or update. @internal */
export interface DvIncidentInput {
  title?: string;
  description?: string;
  prioritycode?: number;
  statecode?: number;
  statuscode?: number;
  caseorigincode?: number;
  'customerid_contact@odata.bind'?: string;
}

/** The `CloseIncident` action's parameters. @internal */
export interface DvCloseIncident {
  IncidentResolution: { subject: string; 'incidentid@odata.bind': string };
  Status: number;
}

/** @internal */
export interface DvPhoneCall {
  activityid: string;
  subject: string | null;
  description: string | null;
  phonenumber: string | null;
  /** `true`: outgoing. */
  directioncode: boolean;
  actualdurationminutes: number | null;
  subcategory: string | null;
  category: string | null;
}

/** An activity party of a phone call (1 sender, 2 recipient). @internal */
export interface DvActivityParty {
  'partyid_contact@odata.bind': string;
  participationtypemask: 1 | 2;
}

/** Fields of a phone call sent on create. @internal */
export interface DvPhoneCallInput {
  subject: string;
  description: string;
  phonenumber: string;
  directioncode: boolean;
  actualdurationminutes: number;
  actualstart: string;
  category: string;
  subcategory?: string;
  statecode: 1;
  statuscode: 2 | 4;
  'regardingobjectid_contact@odata.bind'?: string;
  'regardingobjectid_incident@odata.bind'?: string;
  phonecall_activity_parties?: DvActivityParty[];
}

/** A note (annotation) sent on create. @internal */
export interface DvAnnotationInput {
  subject: string;
  notetext: string;
  'objectid_incident@odata.bind': string;
}

/** A collection answer. @internal */
export interface DvCollection<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

/** An error body. @internal */
export interface DvErrorBody {
  error?: { code?: string; message?: string };
}
