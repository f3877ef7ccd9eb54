/**
 * The HR system (HRIS) as Steward uses it, whatever the vendor: create an employee, read the
 * directory, read time-off requests. BambooHR implements it (bamboohr/bamboohr-client.ts);
 * another HRIS is one more class behind this interface and one more integration, and the hris.*
 * tools do not change.
 */
import { IntegrationError } from '../integration-errors.js';

/** The key's user lacks a permission in the HRIS (not a bad key): callers may skip an optional read. */
export class HrisPermissionError extends IntegrationError {}

export interface NewEmployee {
  firstName: string;
  lastName: string;
  workEmail?: string;
  jobTitle?: string;
  department?: string;
  /** YYYY-MM-DD */
  hireDate?: string;
  location?: string;
}

export interface DirectoryEntry {
  id: string;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  workEmail: string | null;
  department: string | null;
  location: string | null;
  supervisor: string | null;
}

export interface TimeOffRequest {
  id: string;
  employeeId: string;
  name: string;
  /** YYYY-MM-DD, inclusive. */
  start: string;
  end: string;
  type: string;
  status: string;
  /** "24 hours", "3 days" — null when the HRIS did not say. */
  amount: string | null;
}

export interface CreatedEmployee {
  id: string;
  /** The HRIS's own link to the new record. */
  url: string | null;
}

export interface Hris {
  /** Vendor name for messages ("BambooHR"). */
  readonly name: string;
  /** Who the key belongs to, for the connection test; reads only. */
  whoAmI(signal?: AbortSignal): Promise<string>;
  createEmployee(employee: NewEmployee, signal?: AbortSignal): Promise<CreatedEmployee>;
  directory(signal?: AbortSignal): Promise<DirectoryEntry[]>;
  timeOffRequests(range: { start: string; end: string; employeeId?: string; status?: string }, signal?: AbortSignal): Promise<TimeOffRequest[]>;
}
