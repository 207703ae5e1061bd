using FsCheck;

namespace InvitationKit.Tests.Properties;

/// <summary>Runs FsCheck 3 properties from xunit facts (FsCheck.Xunit is not used), 1 000 cases unless said otherwise.</summary>
internal static class PropertyRunner
{
    public const int Cases = 1000;

    public static void Check(Property property, int cases = Cases) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true), property);

    /// <summary>Runs async test code from a synchronous property without capturing xunit's context.</summary>
    public static T Run<T>(Func<Task<T>> body) => Task.Run(body).GetAwaiter().GetResult();
}
