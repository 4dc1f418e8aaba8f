//! The built-in room's signalling socket (issue 7): welcome, relay between peers, leaving,
//! a full room, and tickets.

mod common;

use api::{
    AttendMode, JoinRequest, MeetingLevel,
    signal::{MESH_MAX, SignalFromServer, SignalToServer},
};
use common::{TestServer, WANG, key, meetings::live_meeting};
use futures::{SinkExt, StreamExt};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async, tungstenite::Message};

type Socket = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(server: &TestServer, meeting: i64, ticket: &str) -> Socket {
    let url = format!(
        "ws://{}/api/v1/meetings/{meeting}/signal?ticket={ticket}",
        server.running.addr
    );
    connect_async(url).await.expect("socket").0
}

async fn next(socket: &mut Socket) -> SignalFromServer {
    loop {
        let msg = tokio::time::timeout(std::time::Duration::from_secs(10), socket.next())
            .await
            .expect("a frame within 10 s")
            .expect("socket open")
            .expect("frame");
        if let Message::Text(text) = msg {
            return serde_json::from_str(text.as_str()).expect("a server frame");
        }
    }
}

#[tokio::test]
async fn peers_meet_relay_offers_and_see_each_other_leave() {
    let server = TestServer::start().await;
    let staff = server.staff_for(1).await;
    let (id, host_ticket) = live_meeting(&staff, MeetingLevel::Community).await;
    let wang = server.sign_in(WANG).await;
    let wang_ticket = wang
        .join_meeting(
            id,
            &JoinRequest {
                mode: AttendMode::Online,
            },
            &key(),
        )
        .await
        .unwrap()
        .ticket;

    let mut host = connect(&server, id, &host_ticket).await;
    let SignalFromServer::Welcome {
        peer: host_peer,
        peers,
        max,
    } = next(&mut host).await
    else {
        panic!("welcome first");
    };
    assert!(peers.is_empty());
    assert_eq!(max, MESH_MAX);

    let mut elder = connect(&server, id, &wang_ticket).await;
    let SignalFromServer::Welcome {
        peer: elder_peer,
        peers,
        ..
    } = next(&mut elder).await
    else {
        panic!("welcome first");
    };
    assert_eq!(peers.len(), 1);
    assert_eq!(peers[0].peer, host_peer);
    assert_eq!(peers[0].person.name, "周敏");
    let SignalFromServer::PeerJoined(joined) = next(&mut host).await else {
        panic!("the host hears of the newcomer");
    };
    assert_eq!(
        (joined.peer, joined.person.name.as_str()),
        (elder_peer, "王秀英")
    );

    let offer = serde_json::json!({ "sdp": { "type": "offer", "sdp": "v=0" } });
    let frame = SignalToServer::Signal {
        to: host_peer,
        data: offer.clone(),
    };
    elder
        .send(Message::Text(serde_json::to_string(&frame).unwrap().into()))
        .await
        .unwrap();
    assert_eq!(
        next(&mut host).await,
        SignalFromServer::Signal {
            from: elder_peer,
            data: offer
        }
    );

    elder.close(None).await.unwrap();
    assert_eq!(
        next(&mut host).await,
        SignalFromServer::PeerLeft { peer: elder_peer }
    );
}

#[tokio::test]
async fn a_full_room_says_so_and_a_bad_ticket_is_refused() {
    let server = TestServer::start().await;
    let staff = server.staff_for(1).await;
    let (id, ticket) = live_meeting(&staff, MeetingLevel::Community).await;
    let mut inside = Vec::new();
    for _ in 0..MESH_MAX {
        let mut s = connect(&server, id, &ticket).await;
        assert!(matches!(
            next(&mut s).await,
            SignalFromServer::Welcome { .. }
        ));
        inside.push(s);
    }
    let mut late = connect(&server, id, &ticket).await;
    assert_eq!(
        next(&mut late).await,
        SignalFromServer::Full { max: MESH_MAX }
    );

    let url = format!(
        "ws://{}/api/v1/meetings/{id}/signal?ticket=not-a-ticket",
        server.running.addr
    );
    let refused = connect_async(url).await;
    assert!(refused.is_err(), "no upgrade without a valid ticket");
}
