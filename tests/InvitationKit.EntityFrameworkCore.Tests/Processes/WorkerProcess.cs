using System.Collections.Concurrent;
using System.Diagnostics;

namespace InvitationKit.EntityFrameworkCore.Tests.Processes;

/// <summary>A running InvitationKit.ProcessWorker: another app instance in its own OS process.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.CompleteAdding();
            }
            else if (!_lines.IsAddingCompleted)
            {
                _lines.Add(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Every line printed so far (each one acknowledged before the worker went on).</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    public static WorkerProcess Start(params string[] arguments)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var root = framework;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "InvitationKit.sln")))
        {
            root = root.Parent;
        }

        var worker = Path.Combine(root!.FullName, "tests", "InvitationKit.ProcessWorker", "bin", framework.Parent!.Name, framework.Name, "InvitationKit.ProcessWorker.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(worker);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new WorkerProcess(Process.Start(start)!);
        Assert.Equal("READY", process.Next(TimeSpan.FromSeconds(60)));
        return process;
    }

    /// <summary>Waits for the next line.</summary>
    public string Next(TimeSpan timeout) =>
        _lines.TryTake(out var line, timeout) ? line : throw new TimeoutException($"The worker printed nothing within {timeout} (exited: {_process.HasExited}).");

    /// <summary>Sends a command (serve mode).</summary>
    public void Send(string command) => _process.StandardInput.WriteLine(command);

    /// <summary>Kills the process at once (SIGKILL on Unix): no finally block, no flush, no goodbye.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        _lines.Dispose();
    }
}
