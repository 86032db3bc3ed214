/**
 * The documents the rules of this package follow, cited by every decision's `source`. One constant per
 * page, so a reason code always names the same text.
 *
 * @internal
 */
export const SOURCES = {
  kileClientDelegate:
    'MS-KILE 3.2.5.1 Request Flags Details ("The client does not forward the ticket unless the TGT is marked OK-AS-DELEGATE"), https://learn.microsoft.com/openspecs/windows_protocols/ms-kile/3affa503-59b5-47b6-92aa-ec4b9cf04982',
  kileKdcFlags:
    'MS-KILE 3.3.5.1 Request Flag Ticket-issuing Behavior (TrustedForDelegation sets OK-AS-DELEGATE; DelegationNotAllowed and Protected Users clear FORWARDABLE), https://learn.microsoft.com/openspecs/windows_protocols/ms-kile/f5993d64-a280-4555-9fcc-922fb934fc27',
  rfc4120Forwardable:
    'RFC 4120 2.6 Forwardable tickets (a FORWARDED TGT is issued only from a FORWARDABLE one)',
  credentialGuard:
    'Credential Guard considerations ("you can no longer use Kerberos unconstrained delegation"), https://learn.microsoft.com/windows/security/identity-protection/credential-guard/considerations-known-issues',
  ntlm: 'MS-NLMP 1.3 (NTLM is a challenge-response protocol: the server never receives a credential it can reuse); "Impersonation Levels" (delegation is a Kerberos feature), https://learn.microsoft.com/windows/win32/secauthz/impersonation-levels',
  iscDelegate:
    'InitializeSecurityContext (Kerberos): ISC_REQ_DELEGATE "The server can use the context to authenticate to other servers as the client. The ISC_REQ_MUTUAL_AUTH flag must be set for this flag to work", https://learn.microsoft.com/windows/win32/secauthn/initializesecuritycontext--kerberos',
  iscIdentify:
    'InitializeSecurityContext (Kerberos): ISC_REQ_IDENTIFY "The security context will only be used to identify the client"; ISC_RET_IDENTIFY, https://learn.microsoft.com/windows/win32/secauthn/initializesecuritycontext--kerberos',
  impersonationLevels:
    'Impersonation Levels (Authorization), https://learn.microsoft.com/windows/win32/secauthz/impersonation-levels',
  comImpersonation:
    'Impersonation Levels (COM) (RPC_C_IMP_LEVEL_ANONYMOUS is "supported only over the local interprocess communication transport. All other transports silently promote this level to identify"), https://learn.microsoft.com/windows/win32/com/impersonation-levels',
  comDefault:
    'Impersonation Level Constants (RPC_C_IMP_LEVEL_DEFAULT: "DCOM can choose the impersonation level using its normal security blanket negotiation algorithm"), https://learn.microsoft.com/windows/win32/com/com-impersonation-level-constants; Impersonation Levels (COM) (identify is "The system default level")',
  ntlmLoopback:
    'CoSetProxyBlanket ("NTLMSSP also supports delegate-level impersonation (RPC_C_IMP_LEVEL_DELEGATE) on the same computer"), https://learn.microsoft.com/windows/win32/api/combaseapi/nf-combaseapi-cosetproxyblanket',
  rpcQos:
    'RPC_SECURITY_QOS (ImpersonationType; RPC_C_IMP_LEVEL_DEFAULT), https://learn.microsoft.com/windows/win32/api/rpcdce/ns-rpcdce-rpc_security_qos_v5_w',
  createFileSqos:
    'CreateFileW: SECURITY_SQOS_PRESENT with SECURITY_ANONYMOUS, SECURITY_IDENTIFICATION, SECURITY_IMPERSONATION or SECURITY_DELEGATION, https://learn.microsoft.com/windows/win32/api/fileapi/nf-fileapi-createfilew',
  namedPipeDefault:
    'Impersonating a Named Pipe Client ("By default, a server impersonates at the SecurityImpersonation impersonation level"), https://learn.microsoft.com/windows/win32/ipc/impersonating-a-named-pipe-client',
  remotePipe:
    'Impersonation Levels (Authorization): "When the named pipe, RPC, or DDE connection is remote, the flags passed to CreateFile to set the impersonation level are ignored" — the redirector authenticates, https://learn.microsoft.com/windows/win32/secauthz/impersonation-levels',
  basic:
    'Basic Authentication (IIS): the server receives the password and logs the user on with it (LOGON32_LOGON_NETWORK_CLEARTEXT), so the session holds credentials to go onward with, https://learn.microsoft.com/iis/configuration/system.webserver/security/authentication/basicauthentication',
  credssp:
    'MS-CSSP 1.3 (the client delegates its credentials — the password — to the server after the TLS + SPNEGO exchange); "Credential Security Support Provider", https://learn.microsoft.com/windows/win32/secauthn/credential-security-support-provider',
  anonymousLogon:
    'NT AUTHORITY\\ANONYMOUS LOGON (S-1-5-7): a null session; "Well-known SIDs", https://learn.microsoft.com/windows/win32/secauthz/well-known-sids',
  impersonateClient:
    "Client Impersonation (ImpersonateSecurityContext / ImpersonateNamedPipeClient / RpcImpersonateClient run the kernel's impersonation check), https://learn.microsoft.com/windows/win32/secauthz/client-impersonation",
  openThreadToken:
    'OpenThreadToken: "it is impossible to open executive-level objects by using the SecurityIdentification impersonation level" (ERROR_BAD_IMPERSONATION_LEVEL, 1346), https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-openthreadtoken',
  duplicateTokenEx:
    'DuplicateTokenEx (the level "must not be greater than that of the source token"), https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-duplicatetokenex',
  revertToSelf:
    'RevertToSelf, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-reverttoself',
  accessCheck:
    'AccessCheck ("The ClientToken … must be an impersonation token at SecurityIdentification level or higher"), https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-accesscheck',
  serviceAccounts:
    'Service User Accounts (LocalService "presents anonymous credentials on the network"; NetworkService "presents the computer\'s credentials"), https://learn.microsoft.com/windows/win32/services/service-user-accounts',
  kcd: "MS-SFU 3.2.5.2 (S4U2proxy: the front end obtains a service ticket to the back end in the client's name — constrained and resource-based delegation)",
} as const;
