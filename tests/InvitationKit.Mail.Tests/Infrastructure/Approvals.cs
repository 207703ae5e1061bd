namespace InvitationKit.Mail.Tests.Infrastructure;

/// <summary>
/// Compares a rendered text with its approved file in <c>tests/InvitationKit.Mail.Tests/Approved</c>. A mismatch (or a
/// missing file) fails the test and writes what was rendered beside it as <c>NAME.received.EXT</c>; review it, then
/// accept it by renaming it to <c>NAME.approved.EXT</c>, or run the tests with
/// <c>INVITATIONKIT_ACCEPT_APPROVALS=1</c>, which writes every approved file afresh (and review the diff).
/// </summary>
internal static class Approvals
{
    public const string AcceptVariable = "INVITATIONKIT_ACCEPT_APPROVALS";

    public static string Directory { get; } = Path.Combine(RepositoryFiles.Root, "tests", "InvitationKit.Mail.Tests", "Approved");

    /// <summary>Verifies every render of one name (e.g. its text and its HTML), then fails once, naming each mismatch.</summary>
    public static void Verify(string name, params (string Extension, string Received)[] renders)
    {
        var failures = renders.Select(r => Compare(name, r.Extension, r.Received)).OfType<string>().ToArray();
        if (failures.Length > 0)
        {
            Assert.Fail(string.Join("\n", failures));
        }
    }

    private static string? Compare(string name, string extension, string received)
    {
        received = received.ReplaceLineEndings("\n");
        var approvedPath = Path.Combine(Directory, $"{name}.approved.{extension}");
        var receivedPath = Path.Combine(Directory, $"{name}.received.{extension}");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(approvedPath, received);
            File.Delete(receivedPath);
            return null;
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : null;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return null;
        }

        File.WriteAllText(receivedPath, received);
        return approved is null
            ? $"No approved file {approvedPath}. Review {receivedPath}, then rename it to .approved.{extension} (or run with {AcceptVariable}=1)."
            : $"{name}.{extension} differs from {approvedPath} at line {FirstDifference(approved, received)}. Review {receivedPath}, then rename it to .approved.{extension} (or run with {AcceptVariable}=1).";
    }

    private static int FirstDifference(string approved, string received)
    {
        var a = approved.Split('\n');
        var r = received.Split('\n');
        for (var i = 0; i < Math.Min(a.Length, r.Length); i++)
        {
            if (a[i] != r[i])
            {
                return i + 1;
            }
        }

        return Math.Min(a.Length, r.Length) + 1;
    }
}
