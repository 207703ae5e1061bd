using Microsoft.Extensions.Options;

namespace InvitationKit.Hosting;

/// <summary>Reports every out-of-range background option at once, at start-up.</summary>
internal sealed class InvitationKitBackgroundOptionsValidator : IValidateOptions<InvitationKitBackgroundOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationKitBackgroundOptions options)
    {
        var failures = new List<string>();
        Check(failures, nameof(options.DispatchInterval), options.DispatchInterval, TimeSpan.FromHours(1));
        Check(failures, nameof(options.ExpiryInterval), options.ExpiryInterval, TimeSpan.FromDays(1));
        if (options.DispatchBatchSize is < 1 or > 1000)
        {
            failures.Add($"InvitationKitBackgroundOptions.DispatchBatchSize must be between 1 and 1000 (it is {options.DispatchBatchSize}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string name, TimeSpan value, TimeSpan max)
    {
        if (value < TimeSpan.FromMilliseconds(100) || value > max)
        {
            failures.Add($"InvitationKitBackgroundOptions.{name} must be between 100 milliseconds and {max} (it is {value}).");
        }
    }
}
