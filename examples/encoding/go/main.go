// Mints a visitor token with golang-jwt: HS256, the widget secret's UTF-8 bytes, 30-second expiry.
// WIDGET_SECRET=… USER_ID=42 USER_NAME="Ada Lovelace" USER_EMAIL=ada@example.com go run main.go
//
// The import is golang-jwt v4 (Debian's golang-github-golang-jwt-jwt-dev); with v5
// (github.com/golang-jwt/jwt/v5) the code is the same.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/golang-jwt/jwt/v4"
)

func main() {
	secret := os.Getenv("WIDGET_SECRET") // from your server's configuration, never sent to the browser
	now := time.Now()
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{ // header {"alg":"HS256","typ":"JWT"}
		"id":    os.Getenv("USER_ID"),
		"name":  os.Getenv("USER_NAME"),
		"email": os.Getenv("USER_EMAIL"),
		"iat":   now.Unix(),
		"exp":   now.Add(30 * time.Second).Unix(),
	})
	signed, err := token.SignedString([]byte(secret)) // the string's UTF-8 bytes are the key
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(signed)
}
