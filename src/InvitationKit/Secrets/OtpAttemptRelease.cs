using InvitationKit.Diagnostics;
using InvitationKit.Ports;
using Microsoft.Extensions.Logging;

namespace InvitationKit.Secrets;

/// <summary>
/// The one place a reserved one-time-password attempt is returned (rule 11): only when its code was right, so a release
/// never returns a wrong guess's failure. A failure before the code is compared needs no release: the reservation is
/// idempotent per attempt, so the retry of the same code is not charged again, and the right code then returns it.
/// </summary>
internal static class OtpAttemptRelease
{
    /// <summary>
    /// Returns the attempt (only if it is still the address's last reserved attempt: releasing twice returns one). A failing release is logged and never hides the caller's outcome: the address is left with one
    /// failure too many, never a hidden outage.
    /// </summary>
    public static async Task ReleaseAsync(IOtpBudgetStore budget, string emailKey, SecretHash attempt, ILogger logger)
    {
        try
        {
            await budget.ReleaseOtpAttemptAsync(emailKey, attempt, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.OtpAttemptNotReleased(logger, exception);
        }
    }
}
