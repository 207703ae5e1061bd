namespace InvitationKit.Ports;

/// <summary>A product and its multi-account support.</summary>
/// <param name="Id">The product id.</param>
/// <param name="Name">The product's name, as messages show it.</param>
/// <param name="Mode">How the product supports several accounts.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record ProductInfo(string Id, string Name, MultiAccountMode Mode = MultiAccountMode.Shared);
