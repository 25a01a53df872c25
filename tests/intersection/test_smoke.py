def test_home_answers_in_french_by_default(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
