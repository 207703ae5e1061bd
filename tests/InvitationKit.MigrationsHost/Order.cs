namespace InvitationKit.MigrationsHost;

/// <summary>A row of the host's own.</summary>
public sealed class Order
{
    /// <summary>The key.</summary>
    public int Id { get; set; }

    /// <summary>Who ordered.</summary>
    public string Customer { get; set; } = string.Empty;
}
