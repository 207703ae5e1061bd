using System.Text.Json;
using InvitationKit.Ports;
using InvitationKit.Testing;
using NodaTime;
using NodaTime.Text;

namespace InvitationKit.Samples.Quickstart;

/// <summary>
/// What the quickstart's <c>--store sqlite</c> mode keeps beside its database so the next run continues the story: the
/// secret key (without it no stored hash matches a link again), the host's users and the fake clock (the mail is in
/// the pickup directory). A real host keeps the key in a secret store and its users in its identity system; this file
/// stands in for both in a sample only.
/// </summary>
internal sealed class QuickstartState
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public required string SecretKey { get; init; }

    public required string Now { get; set; }

    public int Runs { get; set; }

    public List<SavedUser> Users { get; set; } = [];

    public Instant Clock => InstantPattern.ExtendedIso.Parse(Now).Value;

    public static QuickstartState? Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<QuickstartState>(File.ReadAllText(path), Json) : null;

    public static QuickstartState New(byte[] secretKey, Instant now) =>
        new() { SecretKey = Convert.ToBase64String(secretKey), Now = InstantPattern.ExtendedIso.Format(now) };

    /// <summary>Puts the saved users back into the directory, with their ids and states.</summary>
    public void Restore(InMemoryUserDirectory users)
    {
        foreach (var user in Users)
        {
            users.AddUser(user.Email, user.State, id: user.Id);
        }
    }

    /// <summary>Records this run's end: the clock and the users.</summary>
    public void Save(string path, Instant now, InMemoryUserDirectory users)
    {
        Runs++;
        Now = InstantPattern.ExtendedIso.Format(now);
        Users = [.. users.Users.Select(u => new SavedUser(u.Id, u.Email, u.State))];
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }

    /// <summary>A user of the host's directory.</summary>
    public sealed record SavedUser(string Id, string? Email, UserState State);
}
