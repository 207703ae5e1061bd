namespace InvitationKit.Ports;

namespace InvitationKit.Ports;
