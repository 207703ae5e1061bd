using InvitationKit.Diagnostics;
using InvitationKit.Ports;
using Microsoft.Extensions.Logging;

namespace InvitationKit.Secrets;

/// <summary>
/// The one place a reserved one-time-password attempt is returned (rule 11) when the code was right, or a failure kept
/// it from being checked: an infrastructure failure spends no attempt.
/// </summary>
internal static class OtpAttemptRelease
{
    /// <summary>
    /// Returns the attempt. A failing release is logged and never hides the caller's outcome: the address is left with one
    /// failure too many, never a hidden outage.
    /// </summary>
    public static async Task ReleaseAsync(IOtpBudgetStore budget, string emailKey, ILogger logger)
    {
        try
        {
            await budget.ReleaseOtpAttemptAsync(emailKey, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.OtpAttemptNotReleased(logger, exception);
        }
    }
}
