using System.Diagnostics;

namespace InvitationKit.Tests.Docs;

/// <summary>
/// The quickstart's <c>--store sqlite</c> mode keeps its story across runs: the links of run 1 still work in run 2, read
/// from the mail InvitationKit.Mail wrote to its pickup directory.
/// </summary>
public sealed class QuickstartTests
{
    [Fact]
    public async Task The_sqlite_quickstart_keeps_its_users_accounts_and_key_across_runs()
    {
        var directory = Directory.CreateTempSubdirectory("invitationkit quickstart ");
        try
        {
            var first = await RunAsync(directory.FullName);
            Assert.Contains("run again and the links mailed in this run still work", first, StringComparison.Ordinal);
            Assert.Contains("mail → nina@newcomer.example: \"Your invitation to Acme Corp in Conversational Cloud\" in invitationkit-quickstart-mail/", first, StringComparison.Ordinal);
            var mails = Directory.GetFiles(Path.Combine(directory.FullName, "invitationkit-quickstart-mail"), "*.eml");
            Assert.Contains(mails, file => File.ReadAllText(file).Contains("To: nina@newcomer.example", StringComparison.Ordinal));

            var second = await RunAsync(directory.FullName);
            Assert.Contains("gina@example.com:   ✓ invites to Acme Corp", second, StringComparison.Ordinal);
            Assert.Matches(@"✓ \S+ is a member of acme with roles \[VIEWER\]", second);

            var third = await RunAsync(directory.FullName);
            Assert.Contains("she accepted in an earlier run", third, StringComparison.Ordinal);
            Assert.Contains("run 3 of the story", third, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string workingDirectory)
    {
        // The sample is built beside this test assembly's configuration and framework (the project references it).
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var sample = Path.Combine(RepositoryFiles.Root, "samples", "InvitationKit.Samples.Quickstart", "bin", framework.Parent!.Name, framework.Name, "InvitationKit.Samples.Quickstart.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(sample);
        start.ArgumentList.Add("--store");
        start.ArgumentList.Add("sqlite");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await error}\n{await output}");
        return await output;
    }
}
