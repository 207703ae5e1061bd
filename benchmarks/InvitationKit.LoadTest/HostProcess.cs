using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace InvitationKit.LoadTest;

/// <summary>An app instance in its own OS process: this program's <c>host</c> mode.</summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log;

    private HostProcess(Process process, ConcurrentQueue<string> log, Uri address) => (_process, _log, Address) = (process, log, address);

    /// <summary>The instance's base address.</summary>
    public Uri Address { get; }

    /// <summary>The processor time the instance has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>What the instance logged (warnings and errors, on its standard error and output).</summary>
    public IReadOnlyCollection<string> Log => _log;

    /// <summary>Starts an instance and waits until it listens.</summary>
    /// <param name="assembly">InvitationKit.LoadTest.dll.</param>
    /// <param name="connectionString">The database.</param>
    /// <param name="key">The secret key, the same for every instance.</param>
    /// <param name="name">The instance's name.</param>
    /// <param name="mailFailureRate">The share of first mail attempts that fail.</param>
    public static HostProcess Start(string assembly, string connectionString, byte[] key, string name, double mailFailureRate)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { assembly, "host", connectionString, Convert.ToBase64String(key), name, mailFailureRate.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host process.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("LISTENING ", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult(new Uri(e.Data["LISTENING ".Length..]));
            }
            else if (e.Data is not null)
            {
                log.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The host exited ({process.ExitCode}): {string.Join(Environment.NewLine, log)}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The host did not listen within 60 s: {string.Join(Environment.NewLine, log)}");
        }

        return new HostProcess(process, log, listening.Task.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
