namespace InvitationKit;

// One type, one file: the members' documentation is the manager's contract, which keeps this file a little over 300 lines.

/// <summary>
/// Every invitation operation, holding every rule of the contract. Domain failures come back as
/// <see cref="InvitationResult{T}"/> errors; exceptions mean programming errors (null arguments) or infrastructure
/// failures of a port.
/// </summary>
/// <remarks>
/// Resolve it from DI after <c>services.AddInvitationKit(...)</c>. It is scoped, like the stores it uses. "Rule N" in
/// these docs is rule N of <c>docs/rules.md</c>; every error code is described in <c>docs/errors.md</c>.
/// </remarks>
public interface IInvitationManager
{
    /// <summary>
    /// Invites a batch of recipients (rules 1–6, 8, 10): all-or-nothing, with every problem reported together.
    /// On success each invitation is stored, new users are created pending activation, and mails are sent; a failed mail leaves
    /// its invitation pending with <see cref="DeliveryState.Failed"/> (rule 16).
    /// </summary>
    /// <param name="actor">Who invites: an admin, an owner, or a member with <see cref="WellKnownRoles.UserAdmin"/>.</param>
    /// <param name="request">The account, product, recipients and mode.</param>
    /// <param name="cancellationToken">Cancels the operation; nothing is written when it is cancelled before the store is reached.</param>
    /// <returns>The invitations created, or the errors.</returns>
    Task<InvitationResult<InviteOutcome>> InviteAsync(Actor actor, InviteRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Invites a batch as <see cref="InviteAsync"/> does — the same rules, throttles, seats and idempotency — but hands each
    /// invitation's link to the caller once, to deliver it themselves (chat, SMS, a QR code), instead of mailing it (rule 24).
    /// Off unless <see cref="InvitationKitOptions.AllowHostDelivery"/>; only owners and system admins. The links are never
    /// stored in plaintext and stay bound to the invitee: an existing user's is accepted only by that user, and a new user
    /// activates only with the code the kit mails to the address (the code is never handed over). An idempotent replay
    /// answers with the invitations and no secret. A resend mails a fresh link and code, and the handed-out link stops working.
    /// </summary>
    /// <param name="actor">Who invites and receives the links: an owner of the account or a system admin.</param>
    /// <param name="request">The account, product, recipients and mode; <see cref="InviteRequest.WhenPending"/> must be <see cref="PendingInvitationChoice.Refuse"/>.</param>
    /// <param name="cancellationToken">Cancels the operation; nothing is written when it is cancelled before the store is reached.</param>
    /// <returns>
    /// The invitations with their link secrets; or the errors (<see cref="InvitationErrorCode.HostDeliveryDisabled"/>,
    /// <see cref="InvitationErrorCode.HostDeliveryNotAllowed"/>, and every error of <see cref="InviteAsync"/>).
    /// </returns>
    Task<InvitationResult<HostDeliveryOutcome>> InviteForHostDeliveryAsync(Actor actor, InviteRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks an invite without making it (a dry run): every problem <see cref="InviteAsync"/> would report for the same
    /// request now, and the seats it would take, so a UI shows them before anyone presses "Invite". It runs the invite's
    /// own checks up to the write — the same permission checks, the same answers, the same throttles (each recipient
    /// costs the permits an invite costs) — then reads the memberships, pending invitations and seats the invite's
    /// atomic insert would check. Nothing is written: no invitation, user, mail, outbox entry or idempotency key.
    /// </summary>
    /// <param name="actor">Who would invite.</param>
    /// <param name="request">The invite as it would be made; a repeated idempotency key is reported as a replay (<see cref="InviteCheck.Replays"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// The problems and the seat impact; or the refusal of the request itself (invalid ids, batch size, permission,
    /// throttle, product, a reused idempotency key), exactly as the invite would refuse it.
    /// </returns>
    Task<InvitationResult<InviteCheck>> CheckInviteAsync(Actor actor, InviteRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Shows what an accept/decline landing page needs, from the secret in the link: the account, product, roles and
    /// expiry. Read-only: it spends nothing and changes nothing, so a mail scanner that pre-fetches the link is harmless.
    /// </summary>
    /// <param name="secret">The secret from the invitation link.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The preview, or the error (not found, expired, or no longer pending).</returns>
    Task<InvitationResult<InvitationPreview>> PreviewAsync(string secret, CancellationToken cancellationToken = default);

    /// <summary>
    /// Accepts an invitation with the secret from its link and the invitee's signed-in identity (rule 9): the user becomes
    /// a member with the invited roles and owner flag in one atomic step with the status change. The identity's email
    /// must be verified and match; an existing-user invitation accepts only the user it was sent to; and the user directory
    /// must hold that user, enabled, under the address — a user the host disabled is refused
    /// (<see cref="InvitationErrorCode.UserDisabled"/>) even with a live session.
    /// </summary>
    /// <param name="secret">The secret from the invitation link.</param>
    /// <param name="identity">The signed-in invitee.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The membership, or the error.</returns>
    Task<InvitationResult<Member>> AcceptAsync(string secret, SignedInIdentity identity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Declines an invitation with the secret from its link; its seat is freed. Call it only from a POST after the person
    /// confirmed on the landing page (<see cref="PreviewAsync"/>), never from the GET of the link.
    /// </summary>
    /// <param name="secret">The secret from the invitation link.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The rejected invitation, or the error.</returns>
    Task<InvitationResult<InvitationView>> RejectAsync(string secret, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks for a new invitation with an expired or revoked invitation's link (rule 22): its inviter, or the account's
    /// managers when the inviter can no longer invite, get a notice through the outbox (<see cref="Ports.IInvitationNoticeMailer"/>),
    /// at most once per invitation and within <see cref="InvitationRateLimitOptions.NewInvitationRequestsPerAddress"/>.
    /// The answer is the same for every secret, known or not, whatever its invitation's state: it reveals nothing new.
    /// </summary>
    /// <param name="secret">The secret from the invitation link.</param>
    /// <param name="partitionKey">The client's partition (e.g. its IP address), counted against
    /// <see cref="InvitationRateLimitOptions.NewInvitationRequestsPerPartition"/>; null counts nothing.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True, whatever the secret; or <see cref="InvitationErrorCode.RateLimited"/> for the client, or
    /// <see cref="InvitationErrorCode.NewInvitationRequestsOff"/> when no notice mailer is registered.</returns>
    Task<InvitationResult<bool>> RequestNewInvitationAsync(string secret, string? partitionKey = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The signed-in user's inbox (rule 21): the pending invitations addressed to them in every account — to the address
    /// their identity provider verified and the user directory holds for them, enabled — each with what its landing page
    /// would show, who sent it, and its id. Invitations bound to another user, of disabled accounts, or into products
    /// that cannot be invited into are left out. Throttled per user
    /// (<see cref="InvitationRateLimitOptions.ReceivedInvitationRequestsPerUser"/>).
    /// </summary>
    /// <param name="identity">The signed-in user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitations, or the error (<see cref="InvitationErrorCode.EmailNotVerified"/> for an unverified address).</returns>
    Task<InvitationResult<IReadOnlyList<ReceivedInvitation>>> ListReceivedInvitationsAsync(SignedInIdentity identity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Accepts an invitation from the signed-in user's inbox by its id, without the link (rule 21), exactly as
    /// <see cref="AcceptAsync(string, SignedInIdentity, CancellationToken)"/> does. An invitation that is not addressed
    /// to the user — their verified address's, or bound to their id — is <see cref="InvitationErrorCode.InvitationNotFound"/>,
    /// whether it exists or not. Throttled per user.
    /// </summary>
    /// <param name="invitationId">The invitation, from <see cref="ListReceivedInvitationsAsync"/>.</param>
    /// <param name="identity">The signed-in invitee.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The membership, or the error.</returns>
    Task<InvitationResult<Member>> AcceptReceivedInvitationAsync(Guid invitationId, SignedInIdentity identity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Declines an invitation from the signed-in user's inbox by its id (rule 21); its seat is freed. Addressed as for
    /// <see cref="AcceptReceivedInvitationAsync"/>. Throttled per user.
    /// </summary>
    /// <param name="invitationId">The invitation, from <see cref="ListReceivedInvitationsAsync"/>.</param>
    /// <param name="identity">The signed-in invitee.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The rejected invitation, or the error.</returns>
    Task<InvitationResult<InvitationView>> RejectReceivedInvitationAsync(Guid invitationId, SignedInIdentity identity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Activates a new user with the mailed one-time password (rules 10, 11): checks the code against the address's
    /// failure budget (<see cref="InvitationKitOptions.MaxOtpAttempts"/> per <see cref="InvitationKitOptions.OtpFailureWindow"/>),
    /// claims the invitation, enables the user pending activation with the chosen password through the user directory,
    /// then accepts the invitation and creates the membership. A user who can already sign in is never given a password:
    /// their invitation is bound to them, to accept by signing in.
    /// </summary>
    /// <param name="request">The address, the code and the chosen password.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The membership, or the error.</returns>
    Task<InvitationResult<Member>> ActivateAsync(ActivationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resends a pending invitation (rule 12): a fresh secret and code (the old ones stop working), expiry renewed, mail
    /// sent again, at most <see cref="InvitationKitOptions.MaxSends"/> sends and not within
    /// <see cref="InvitationKitOptions.ResendCooldown"/> of the last. The directory is read again: a new user who has since
    /// been enabled gets an existing-user invitation without a code. The address's OTP failure budget is never reset.
    /// </summary>
    /// <param name="actor">Who resends.</param>
    /// <param name="invitationId">The invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitation with its new delivery state, or the error.</returns>
    Task<InvitationResult<InvitationView>> ResendAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken = default);

    /// <summary>Revokes a pending invitation (rule 13); its seat is freed at once.</summary>
    /// <param name="actor">Who revokes.</param>
    /// <param name="invitationId">The invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The revoked invitation, or the error.</returns>
    Task<InvitationResult<InvitationView>> RevokeAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken = default);

    /// <summary>Changes the roles and owner flag of a pending invitation (rule 14); changing the owner flag needs an owner or admin.</summary>
    /// <param name="actor">Who edits.</param>
    /// <param name="invitationId">The invitation.</param>
    /// <param name="roles">The new roles.</param>
    /// <param name="grantsOwner">The new owner flag; null keeps the current one.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The updated invitation, or the error.</returns>
    Task<InvitationResult<InvitationView>> ChangeRolesAsync(Actor actor, Guid invitationId, IReadOnlyList<string> roles, bool? grantsOwner = null, CancellationToken cancellationToken = default);

    /// <summary>Lists an account's invitations, newest first, filtered by effective status and paged (rule 15).</summary>
    /// <param name="actor">Who lists.</param>
    /// <param name="query">The account, filter and page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page, or the error.</returns>
    Task<InvitationResult<Page<InvitationView>>> ListAsync(Actor actor, InvitationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Gets one invitation.</summary>
    /// <param name="actor">Who asks.</param>
    /// <param name="invitationId">The invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitation, or the error.</returns>
    Task<InvitationResult<InvitationView>> GetAsync(Actor actor, Guid invitationId, CancellationToken cancellationToken = default);

    /// <summary>Counts an account's seats: members plus pending, unexpired invitations, against its limit (rule 2).</summary>
    /// <param name="actor">Who asks.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The usage, or the error.</returns>
    Task<InvitationResult<SeatUsage>> GetSeatUsageAsync(Actor actor, string accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// What an invite dialog offers the actor in an account for a product: the roles the account's role catalog
    /// (<see cref="Ports.IRoleCatalog"/>) offers that the role grant policy lets the actor grant, and whether the actor
    /// may grant owner capability. Invites and role edits check the same catalog and policy, so a role offered here is
    /// granted. With the default catalog, which lists no roles, <see cref="GrantableRoles.AnyRole"/> is true.
    /// </summary>
    /// <param name="actor">Who would invite: someone who may manage the account (rule 6).</param>
    /// <param name="accountId">The account.</param>
    /// <param name="productId">The product invited into.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The grantable roles, or the error (permission, account, product).</returns>
    Task<InvitationResult<GrantableRoles>> GetGrantableRolesAsync(Actor actor, string accountId, string productId, CancellationToken cancellationToken = default);

    /// <summary>Lists an account's members.</summary>
    /// <param name="actor">Who lists.</param>
    /// <param name="query">The account and page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page, or the error.</returns>
    Task<InvitationResult<Page<Member>>> ListMembersAsync(Actor actor, MemberQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a member (rule 17), freeing their seat; never the last owner; removing an owner needs an owner or admin. A
    /// member who removes themselves calls <see cref="LeaveAsync"/>, which needs no right.
    /// </summary>
    /// <param name="actor">Who removes.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="userId">The member to remove.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The removed membership, or the error.</returns>
    Task<InvitationResult<Member>> RemoveMemberAsync(Actor actor, string accountId, string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the actor's own membership of an account (rule 17), freeing its seat. Any member may leave, with no right
    /// needed; the last owner may not (<see cref="InvitationErrorCode.LastOwner"/>, decided atomically by the store, so of
    /// two last owners leaving at once one stays). It acts on the actor's own membership only: there is no user id to
    /// name someone else, and a system admin who is not a member gets <see cref="InvitationErrorCode.MemberNotFound"/>
    /// like anyone, also for an account that does not exist. Raises <see cref="Ports.InvitationEventKind.MemberLeft"/>.
    /// </summary>
    /// <param name="actor">Who leaves: the signed-in user, acting on themselves.</param>
    /// <param name="accountId">The account to leave.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The membership that ended, or the error.</returns>
    Task<InvitationResult<Member>> LeaveAsync(Actor actor, string accountId, CancellationToken cancellationToken = default);

    /// <summary>Makes a user the first owner of an account that has no members yet (the host calls it when it creates the account).</summary>
    /// <param name="accountId">The new account.</param>
    /// <param name="userId">Its creator.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The membership, or the error.</returns>
    Task<InvitationResult<Member>> AddFoundingOwnerAsync(string accountId, string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings an existing tenant's members in as they are, with their roles and owner flags, in one atomic step: for a host
    /// adopting the kit with accounts it already has. Users who are members already are left unchanged and reported, so
    /// an interrupted import can be rerun. The new members must fit the account's user limit, and an account without an
    /// owner must receive one. A host call, like <see cref="AddFoundingOwnerAsync"/>: never expose it to end users.
    /// </summary>
    /// <param name="import">The account and at most <see cref="MemberImport.MaxMembers"/> members.</param>
    /// <param name="cancellationToken">Cancels the operation; then nothing is added.</param>
    /// <returns>The memberships created and the users skipped, or every problem found.</returns>
    Task<InvitationResult<MemberImportOutcome>> ImportMembersAsync(MemberImport import, CancellationToken cancellationToken = default);

    /// <summary>
    /// For the host's own registration (its sign-up page), before it creates a user for an address: deletes the user an
    /// invitation created there pending activation, so the registration does not find the address taken. Only a user
    /// whose activation never started is deleted (<see cref="Ports.IUserDirectory.DeletePendingUserAsync"/>); the kit
    /// refers to a new user by address only, so a live invitation keeps working — its code activates a user made again,
    /// and once the person registered and proved the address, <see cref="ClaimInvitationsAsync"/> binds it to them. A
    /// host call: the result says whether the address was invited, so never show it to the person.
    /// </summary>
    /// <param name="email">The address being registered.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether a user pending activation was deleted, or <see cref="InvitationErrorCode.InvalidEmail"/>.</returns>
    Task<InvitationResult<bool>> ReleasePendingUserAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>
    /// For the host's own registration, once the person proved their address (a confirmed email, a provider's verified
    /// email): the address's pending new-user invitations, in every account, become existing-user invitations bound to
    /// the registered user, without a code; the person accepts each by signing in and opening its link (rule 10). The
    /// identity must be the directory's enabled user of that address (<see cref="InvitationErrorCode.NotTheInvitedUser"/>)
    /// with a verified email (<see cref="InvitationErrorCode.EmailNotVerified"/>).
    /// </summary>
    /// <param name="identity">The registered user, with their proven address.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many invitations were bound to the user, or the error.</returns>
    Task<InvitationResult<int>> ClaimInvitationsAsync(SignedInIdentity identity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Persists the expired status of pending invitations whose expiry has passed (a maintenance call; effective status is
    /// already expired), releases the users pending activation that ended new-user invitations leave behind (those a
    /// revoke or reject did not release at once, and those of the invitations it expires), and forgets old idempotency keys.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many invitations were marked expired.</returns>
    Task<InvitationResult<int>> ExpireOverdueAsync(CancellationToken cancellationToken = default);

    /// <summary>An account's email domain policy (rule 20), for those who may manage the account (rule 6).</summary>
    /// <param name="actor">Who asks.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The account's domains, or the error.</returns>
    Task<InvitationResult<EmailDomainPolicy>> GetEmailDomainsAsync(Actor actor, string accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces an account's email domains (rule 20): an owner or a system admin. Each domain is normalized as an address's
    /// key has it (IDN as ASCII, lowercase); a malformed one is refused with the others' problems. Only a system admin may
    /// add a <see cref="Ports.EmailDomainKind.Verified"/> domain; an owner may keep or withdraw one.
    /// </summary>
    /// <param name="actor">Who changes the policy.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="domains">The whole new list; empty removes the policy.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored policy, or every problem.</returns>
    Task<InvitationResult<EmailDomainPolicy>> SetEmailDomainsAsync(Actor actor, string accountId, IReadOnlyList<Ports.EmailDomain> domains, CancellationToken cancellationToken = default);

    /// <summary>
    /// The accounts the signed-in user may join (rule 20): those that verified the domain of their verified address and that
    /// they are not a member of. Empty for an unverified address, a disabled user or an address held by another user.
    /// </summary>
    /// <param name="identity">The signed-in user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The joinable accounts.</returns>
    Task<InvitationResult<IReadOnlyList<JoinableAccount>>> ListJoinableAccountsAsync(SignedInIdentity identity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Joins an account that verified the domain of the signed-in user's verified address (rule 20), with the roles of
    /// <see cref="InvitationKitOptions.VerifiedDomainJoinRoles"/>: as an acceptance, it needs a verified address of an
    /// enabled user, takes a seat within the limit atomically, and follows the product's mode. A member already gets their
    /// membership back.
    /// </summary>
    /// <param name="identity">The signed-in user.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="productId">The product the user joins for.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The membership, or the error.</returns>
    Task<InvitationResult<Member>> JoinAsync(SignedInIdentity identity, string accountId, string productId, CancellationToken cancellationToken = default);
}
