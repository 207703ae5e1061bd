using NodaTime;

namespace InvitationKit;

/// <summary>Every default of <see cref="InvitationKitOptions"/>, in one place.</summary>
internal static class InvitationKitDefaults
{
    public const int MaxBatchSize = 20;
    public const int DefaultUserLimit = 250;
    public const bool OnlyRegisteredUsers = false;
    public const OtpFormat OtpFormat = InvitationKit.OtpFormat.Digits;
    public const int OtpLength = 6;
    public const int MaxOtpAttempts = 10;
    public const int MaxOtpFailuresPerAddress = 50;
    public const int MaxSends = 5;
    public const int MaxPageSize = 100;
    public const bool HideRegistrationState = false;
    public const bool AllowHostDelivery = false;
    public const int MaxMetadataEntries = 16;
    public const int MaxMetadataKeyLength = 64;
    public const int MaxMetadataValueLength = 512;
    public static readonly Duration MinInvitationLifetime = Duration.FromHours(1);
    public static readonly Duration MaxInvitationLifetime = Duration.FromDays(30);
    public static readonly Duration InvitationLifetime = Duration.FromDays(7);
    public static readonly Duration FinishedInvitationRetention = Duration.FromDays(365);
    public static readonly Duration OtpLifetime = Duration.FromHours(24);
    public static readonly Duration OtpFailureWindow = Duration.FromHours(24);
    public static readonly Duration ResendCooldown = Duration.FromMinutes(1);
    public static readonly Duration ActivationClaimTimeout = Duration.FromMinutes(2);
}
