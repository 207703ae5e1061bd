using System.Diagnostics;

namespace InvitationKit.AspNetCore.Tests.Browser;

/// <summary>
/// Debian's <c>chromium</c> package, which the browser tests drive (Playwright's own browser download cannot reach the
/// network here). Found at <c>INVITATIONKIT_CHROMIUM</c> or <c>/usr/bin/chromium</c>; installed with apt-get when absent and
/// the tests run as root.
/// </summary>
internal static class Chromium
{
    private const string DebianPath = "/usr/bin/chromium";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Whether the tests run under CI (<c>CI=true</c>), where a missing browser is a failure, never a skip.</summary>
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this machine can install the browser: Linux, root, apt-get.</summary>
    public static bool CanInstall => OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/apt-get");

    /// <summary>The browser's executable, when installed.</summary>
    public static string? Find() =>
        Environment.GetEnvironmentVariable("INVITATIONKIT_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured) ? configured
        : File.Exists(DebianPath) ? DebianPath
        : null;

    /// <summary>The browser's executable, installing Debian's package first when it is absent.</summary>
    /// <returns>The path.</returns>
    /// <exception cref="InvalidOperationException">It is absent and could not be installed; the message says why.</exception>
    public static async Task<string> EnsureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (Find() is { } found)
            {
                return found;
            }

            if (!CanInstall)
            {
                throw new InvalidOperationException(
                    $"Chromium is not installed at {DebianPath} and cannot be installed here (it needs Linux, root and apt-get). " +
                    "Install it with 'apt-get install -y chromium', or point INVITATIONKIT_CHROMIUM at a Chromium executable.");
            }

            var log = await RunAsync("apt-get", "install -y -q chromium");
            if (Find() is null)
            {
                log += await RunAsync("apt-get", "update -q") + await RunAsync("apt-get", "install -y -q chromium");
            }

            return Find() ?? throw new InvalidOperationException($"'apt-get install -y chromium' did not install Chromium:{Environment.NewLine}{Tail(log)}");
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> RunAsync(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        return await output + await error;
    }

    private static string Tail(string log) => string.Join(Environment.NewLine, log.Split('\n').TakeLast(15));
}
