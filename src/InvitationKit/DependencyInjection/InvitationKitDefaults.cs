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
    public const int MaxOtpAttempts = 5;
    public const int MaxPageSize = 100;
    public static readonly Duration InvitationLifetime = Duration.FromDays(7);
}
