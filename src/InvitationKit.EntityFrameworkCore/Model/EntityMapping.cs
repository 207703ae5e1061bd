using System.Text.Json;
using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit.EntityFrameworkCore.Model;

/// <summary>Converts between the kit's records and the rows.</summary>
internal static class EntityMapping
{
    public static long ToTicks(Instant instant) => instant.ToUnixTimeTicks();

    public static Instant ToInstant(long ticks) => Instant.FromUnixTimeTicks(ticks);

    public static InvitationEntity ToEntity(Invitation invitation) => new()
    {
        Id = invitation.Id,
        AccountId = invitation.AccountId,
        ProductId = invitation.ProductId,
        Email = invitation.Email,
        EmailKey = invitation.EmailKey,
        Kind = (int)invitation.Kind,
        UserId = invitation.UserId,
        Roles = JsonSerializer.Serialize(invitation.Roles),
        GrantsOwner = invitation.GrantsOwner,
        InvitedBy = invitation.InvitedBy,
        CreatedAt = ToTicks(invitation.CreatedAt),
        ExpiresAt = ToTicks(invitation.ExpiresAt),
        Status = (int)invitation.Status,
        SecretHash = invitation.SecretHash.ToArray(),
        OtpHash = invitation.OtpHash?.ToArray(),
        KeyId = invitation.KeyId,
        IssuedAt = ToTicks(invitation.IssuedAt),
        ActivationClaimedAt = invitation.ActivationClaimedAt is { } claimed ? ToTicks(claimed) : null,
        Delivery = (int)invitation.Delivery,
        SendCount = invitation.SendCount,
        DeliveryAttempts = invitation.DeliveryAttempts,
        NextDeliveryAt = invitation.NextDeliveryAt is { } next ? ToTicks(next) : null,
        ResolvedAt = invitation.ResolvedAt is { } resolved ? ToTicks(resolved) : null,
        ResolvedBy = invitation.ResolvedBy,
        PendingUserReleaseDue = invitation.PendingUserReleaseDue,
        NoticeKind = (int?)invitation.NoticeKind,
        NoticeDueAt = invitation.NoticeDueAt is { } noticeDue ? ToTicks(noticeDue) : null,
        NoticeAttempts = invitation.NoticeAttempts,
        NewInvitationRequestedAt = invitation.NewInvitationRequestedAt is { } requested ? ToTicks(requested) : null,
        RemindedAt = invitation.RemindedAt is { } reminded ? ToTicks(reminded) : null,
        HostDelivered = invitation.HostDelivered,
        Lifetime = invitation.Lifetime?.BclCompatibleTicks,
        Metadata = WriteMetadata(invitation.Metadata),
        ReturnUrl = invitation.ReturnUrl,
        Language = invitation.Language,
        Revision = invitation.Revision,
    };

    public static Invitation ToInvitation(InvitationEntity entity) => new()
    {
        Id = entity.Id,
        AccountId = entity.AccountId,
        ProductId = entity.ProductId,
        Email = entity.Email,
        EmailKey = entity.EmailKey,
        Kind = (InvitationKind)entity.Kind,
        UserId = entity.UserId,
        Roles = ReadRoles(entity.Roles),
        GrantsOwner = entity.GrantsOwner,
        InvitedBy = entity.InvitedBy,
        CreatedAt = ToInstant(entity.CreatedAt),
        ExpiresAt = ToInstant(entity.ExpiresAt),
        Status = (InvitationStatus)entity.Status,
        SecretHash = new SecretHash(entity.SecretHash),
        OtpHash = entity.OtpHash is null ? null : new SecretHash(entity.OtpHash),
        KeyId = entity.KeyId,
        IssuedAt = ToInstant(entity.IssuedAt),
        ActivationClaimedAt = entity.ActivationClaimedAt is { } claimed ? ToInstant(claimed) : null,
        Delivery = (DeliveryState)entity.Delivery,
        SendCount = entity.SendCount,
        DeliveryAttempts = entity.DeliveryAttempts,
        NextDeliveryAt = entity.NextDeliveryAt is { } next ? ToInstant(next) : null,
        ResolvedAt = entity.ResolvedAt is { } resolved ? ToInstant(resolved) : null,
        ResolvedBy = entity.ResolvedBy,
        PendingUserReleaseDue = entity.PendingUserReleaseDue,
        NoticeKind = (InvitationNoticeKind?)entity.NoticeKind,
        NoticeDueAt = entity.NoticeDueAt is { } noticeDue ? ToInstant(noticeDue) : null,
        NoticeAttempts = entity.NoticeAttempts,
        NewInvitationRequestedAt = entity.NewInvitationRequestedAt is { } requested ? ToInstant(requested) : null,
        RemindedAt = entity.RemindedAt is { } reminded ? ToInstant(reminded) : null,
        HostDelivered = entity.HostDelivered,
        Lifetime = entity.Lifetime is { } lifetime ? Duration.FromTicks(lifetime) : null,
        Metadata = ReadMetadata(entity.Metadata),
        ReturnUrl = entity.ReturnUrl,
        Language = entity.Language,
        Revision = entity.Revision,
    };

    public static OtpFailureCount ToCount(OtpFailureEntity entity) =>
        new(ToInstant(entity.WindowStart), entity.InWindow, entity.Total) { LastAttempt = entity.LastAttempt is null ? null : new SecretHash(entity.LastAttempt) };

    public static MemberEntity ToEntity(Member member) => new()
    {
        AccountId = member.AccountId,
        UserId = member.UserId,
        Roles = JsonSerializer.Serialize(member.Roles),
        IsOwner = member.IsOwner,
        JoinedAt = ToTicks(member.JoinedAt),
        InvitationId = member.InvitationId,
        Metadata = WriteMetadata(member.Metadata),
    };

    public static Member ToMember(MemberEntity entity) =>
        new(entity.AccountId, entity.UserId, ReadRoles(entity.Roles), entity.IsOwner, ToInstant(entity.JoinedAt), entity.InvitationId) { Metadata = ReadMetadata(entity.Metadata) };

    /// <summary>Metadata as a JSON object sorted by key; NULL when there is none.</summary>
    private static string? WriteMetadata(IReadOnlyDictionary<string, string> metadata) =>
        metadata.Count == 0 ? null : JsonSerializer.Serialize(new SortedDictionary<string, string>(metadata.ToDictionary(), StringComparer.Ordinal));

    private static IReadOnlyDictionary<string, string> ReadMetadata(string? json) =>
        json is null ? System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty
            : new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(
                new SortedDictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [], StringComparer.Ordinal));

    private static string[] ReadRoles(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];
}
