using InvitationKit.Secrets;
using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit;

/// <summary>Validates <see cref="InvitationKitOptions"/>, reporting every problem at once with how to fix it.</summary>
internal sealed class InvitationKitOptionsValidator : IValidateOptions<InvitationKitOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationKitOptions options)
    {
        var failures = new List<string>();
        if (options.SecretKey is null || options.SecretKey.Length < InvitationKitOptions.MinSecretKeyLength)
        {
            failures.Add(
                $"InvitationKitOptions.SecretKey must hold at least {InvitationKitOptions.MinSecretKeyLength} random bytes (it has {options.SecretKey?.Length ?? 0}). "
                + "Generate one with RandomNumberGenerator.GetBytes(32) and load it from a secret store.");
        }
        else if (SecretKeyQuality.Weakness(options.SecretKey) is { } weakness)
        {
            failures.Add(
                $"InvitationKitOptions.SecretKey is not random: {weakness}. Under such a key anyone with a database dump recovers every one-time password offline. "
                + "Generate one with RandomNumberGenerator.GetBytes(32) and load it from a secret store.");
        }

        var keys = (options.PreviousSecretKeys ?? []).Prepend(options.SecretKey).OfType<byte[]>().ToArray();
        if ((options.PreviousSecretKeys ?? []).Any(k => k is null || k.Length < InvitationKitOptions.MinSecretKeyLength))
        {
            failures.Add($"Every key in InvitationKitOptions.PreviousSecretKeys must hold at least {InvitationKitOptions.MinSecretKeyLength} bytes.");
        }
        else if (keys.Select(k => Convert.ToBase64String(k)).Distinct().Count() != keys.Length)
        {
            failures.Add("InvitationKitOptions.PreviousSecretKeys must not repeat a key or hold the current SecretKey.");
        }
        else
        {
            var previous = options.PreviousSecretKeys ?? [];
            for (var i = 0; i < previous.Count; i++)
            {
                if (SecretKeyQuality.Weakness(previous[i]) is { } previousWeakness)
                {
                    failures.Add(
                        $"InvitationKitOptions.PreviousSecretKeys[{i}] is not random: {previousWeakness}. The one-time passwords it hashed are recoverable from a database dump: "
                        + "drop the key and resend the invitations issued under it (a resend hashes fresh secrets under SecretKey).");
                }
            }
        }

        if (options.VerifiedDomainJoinRoles is null || !Permissions.RoleNames.Normalize([.. options.VerifiedDomainJoinRoles], null).Succeeded)
        {
            failures.Add("InvitationKitOptions.VerifiedDomainJoinRoles must be a list of well-formed role names (1–256 characters without control characters, at most 64).");
        }

        Range(failures, nameof(options.MaxBatchSize), options.MaxBatchSize, 1, 1000);
        Range(failures, nameof(options.DefaultUserLimit), options.DefaultUserLimit, 1, int.MaxValue);
        Range(failures, nameof(options.MaxOtpAttempts), options.MaxOtpAttempts, 1, 100);
        Range(failures, nameof(options.MaxPageSize), options.MaxPageSize, 1, 10_000);
        Range(failures, nameof(options.MaxOtpFailuresPerAddress), options.MaxOtpFailuresPerAddress, 1, 10_000);
        Range(failures, nameof(options.MaxSends), options.MaxSends, 1, 100);
        DurationRange(failures, nameof(options.OtpLifetime), options.OtpLifetime, Duration.FromMinutes(1), Duration.FromDays(365));
        DurationRange(failures, nameof(options.OtpFailureWindow), options.OtpFailureWindow, Duration.FromMinutes(1), Duration.FromDays(30));
        DurationRange(failures, nameof(options.ResendCooldown), options.ResendCooldown, Duration.Zero, Duration.FromDays(1));
        DurationRange(failures, nameof(options.ActivationClaimTimeout), options.ActivationClaimTimeout, Duration.FromSeconds(10), Duration.FromHours(1));
        if (options.RateLimits is null)
        {
            failures.Add("InvitationKitOptions.RateLimits must not be null; set individual rules to RateLimitRule.Off instead.");
        }
        else
        {
            foreach (var (_, ruleName, rule) in options.RateLimits.Rules())
            {
                if (rule is null || rule.PermitLimit < 0 || rule.Window <= Duration.Zero)
                {
                    failures.Add($"InvitationKitOptions.RateLimits.{ruleName} needs a permit limit of 0 (off) or more and a positive window.");
                }
            }

            Range(failures, $"{nameof(options.RateLimits)}.{nameof(options.RateLimits.MaxTrackedPartitions)}", options.RateLimits.MaxTrackedPartitions, 1, 10_000_000);
        }

        if (options.Delivery is null)
        {
            failures.Add("InvitationKitOptions.Delivery must not be null.");
        }
        else
        {
            var delivery = options.Delivery;
            if (delivery.MaxAttempts is < 1 or > 100)
            {
                failures.Add($"InvitationKitOptions.Delivery.MaxAttempts must be between 1 and 100 (it is {delivery.MaxAttempts}).");
            }

            DurationRange(failures, "Delivery.FirstRetryDelay", delivery.FirstRetryDelay, Duration.FromSeconds(1), Duration.FromDays(1));
            DurationRange(failures, "Delivery.MaxRetryDelay", delivery.MaxRetryDelay, delivery.FirstRetryDelay, Duration.FromDays(7));
            DurationRange(failures, "Delivery.LeaseTimeout", delivery.LeaseTimeout, Duration.FromSeconds(5), Duration.FromHours(1));
            if (delivery.MaxConcurrentSends is < 1 or > 64)
            {
                failures.Add($"InvitationKitOptions.Delivery.MaxConcurrentSends must be between 1 and 64 (it is {delivery.MaxConcurrentSends}).");
            }

        }

        if (options.InvitationLifetime < Duration.FromMinutes(1) || options.InvitationLifetime > Duration.FromDays(365))
        {
            failures.Add($"InvitationKitOptions.InvitationLifetime must be between 1 minute and 365 days (it is {options.InvitationLifetime}).");
        }

        DurationRange(failures, nameof(options.MinInvitationLifetime), options.MinInvitationLifetime, Duration.FromMinutes(1), Duration.FromDays(365));
        DurationRange(failures, nameof(options.MaxInvitationLifetime), options.MaxInvitationLifetime, options.MinInvitationLifetime, Duration.FromDays(365));
        Range(failures, nameof(options.MaxMetadataEntries), options.MaxMetadataEntries, 0, 100);
        Range(failures, nameof(options.MaxMetadataKeyLength), options.MaxMetadataKeyLength, 1, 256);
        Range(failures, nameof(options.MaxMetadataValueLength), options.MaxMetadataValueLength, 1, 4096);
        if (options.AllowedReturnOrigins is null || options.AllowedReturnOrigins.Any(origin => !IsOrigin(origin)))
        {
            failures.Add("InvitationKitOptions.AllowedReturnOrigins must be a list of origins: absolute http or https URLs with a host and no user info, path, query or fragment, such as https://app.example.com.");
        }

        if (options.SupportedLanguages is null || options.SupportedLanguages.Any(tag => tag is null || InvitationOptionsCheck.Language(tag, null) is null))
        {
            failures.Add("InvitationKitOptions.SupportedLanguages must be a list of BCP 47 language tags, such as en, ru or pt-BR.");
        }

        if (options.ReminderLead is { } lead && (lead < Duration.FromHours(1) || lead >= options.InvitationLifetime))
        {
            failures.Add($"InvitationKitOptions.ReminderLead must be null (no reminders) or from 1 hour to less than InvitationLifetime ({options.InvitationLifetime}) (it is {lead}).");
        }

        if (options.FinishedInvitationRetention is { } retention && (retention < options.InvitationLifetime || retention > Duration.FromDays(36_500)))
        {
            failures.Add($"InvitationKitOptions.FinishedInvitationRetention must be null (keep for ever) or between InvitationLifetime ({options.InvitationLifetime}) and 100 years (it is {retention}).");
        }

        switch (options.OtpFormat)
        {
            case OtpFormat.Digits or OtpFormat.Alphanumeric:
                Range(failures, nameof(options.OtpLength), options.OtpLength, 6, 32, $"for {options.OtpFormat} codes");
                break;
            case OtpFormat.UrlSafeToken:
                Range(failures, nameof(options.OtpLength), options.OtpLength, 16, 64, "bytes for UrlSafeToken codes");
                break;
            default:
                failures.Add($"InvitationKitOptions.OtpFormat '{options.OtpFormat}' is not a known format; use Digits, Alphanumeric or UrlSafeToken.");
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsOrigin(string? origin) =>
        InvitationOptionsCheck.Origin(origin) is not null && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0;

    private static void DurationRange(List<string> failures, string name, Duration value, Duration min, Duration max)
    {
        if (value < min || value > max)
        {
            failures.Add($"InvitationKitOptions.{name} must be between {min} and {max} (it is {value}).");
        }
    }

    private static void Range(List<string> failures, string name, int value, int min, int max, string? unit = null)
    {
        if (value < min || value > max)
        {
            failures.Add($"InvitationKitOptions.{name} must be between {min} and {max}{(unit is null ? string.Empty : " " + unit)} (it is {value}).");
        }
    }
}
