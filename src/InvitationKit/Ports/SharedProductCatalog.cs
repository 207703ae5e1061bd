namespace InvitationKit.Ports;
