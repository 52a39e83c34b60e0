// The composer's default bound with no imports: `sb-webchat`'s launcher reads it up front, and an
// import of the contact-center entry here would pull that entry's whole module graph into the
// chunk a bundler shares between the launcher and its lazily loaded window.

/** The default most characters of one message typed in a composer. */
export const DEFAULT_MAX_LENGTH = 2000;
