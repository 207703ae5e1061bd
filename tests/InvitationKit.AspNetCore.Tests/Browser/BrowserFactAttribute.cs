namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>
/// A test that drives Chromium. It is skipped, with the reason, only when the browser is absent, cannot be installed here
/// and the run is not CI; under <c>CI=true</c> a missing browser fails the test with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Find() is null && !Chromium.CanInstall && !Chromium.UnderCi)
        {
            Skip = "Chromium is not installed and cannot be installed here (needs root and apt-get): run 'apt-get install -y chromium' " +
                "or set INVITATIONKIT_CHROMIUM. Under CI=true this is a failure, not a skip.";
        }
    }
}
